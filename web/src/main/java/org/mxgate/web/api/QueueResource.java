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
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueueShape;
import org.mxgate.queue.StableStorage;

/**
 * The queue runner of this instance: how many runs it has finished, when the timer starts the
 * next, and how many syncs of the embedded store it has made (0 on PostgreSQL, which syncs its
 * own commits).
 */
@Path("queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    /** {@code nextRun} is null when the timer is not scheduled. */
    public record QueueRunsJson(long completedRuns, LocalDateTime nextRun, long storeSyncs) {
    }

    @EJB
    QueueRunner runner;

    @EJB
    StableStorage storage;

    @EJB
    QueueAdmin queueAdmin;

    @GET
    @RolesAllowed({"admin", "viewer"})
    public QueueRunsJson runs() {
        return new QueueRunsJson(runner.completedRuns(), runner.nextRun()
                .map(d -> LocalDateTime.ofInstant(d.toInstant(), ZoneId.systemDefault())).orElse(null),
                storage.syncs());
    }

    /**
     * The waiting mail by next hop and age (Postfix's qshape): {@code bucketMinutes} are the
     * buckets' lower bounds, each row's {@code byAge} the messages in them, {@code total} the sums.
     */
    @GET
    @Path("shape")
    @RolesAllowed({"admin", "viewer"})
    public QueueShape shape() {
        return queueAdmin.shape();
    }
}
