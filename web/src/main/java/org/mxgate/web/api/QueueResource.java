package org.mxgate.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.mxgate.delivery.QueueRunner;

/** The queue runner of this instance: how many runs it has finished, and when the timer starts the next. */
@Path("queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    /** {@code nextRun} is null when the timer is not scheduled. */
    public record QueueRunsJson(long completedRuns, LocalDateTime nextRun) {
    }

    @EJB
    QueueRunner runner;

    @GET
    @RolesAllowed("admin")
    public QueueRunsJson runs() {
        return new QueueRunsJson(runner.completedRuns(), runner.nextRun()
                .map(d -> LocalDateTime.ofInstant(d.toInstant(), ZoneId.systemDefault())).orElse(null));
    }
}
