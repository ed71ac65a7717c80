package org.mxgate.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.mxgate.admin.AuditLog;

/**
 * The audit log, newest first: every change an operator made (who: {@code client}) and what
 * automatic gateways went through; {@code domain} narrows it to one domain ({@code *}: the
 * automatic gateway settings).
 */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record AuditJson(LocalDateTime at, String domain, String action, String client, String detail) {
    }

    @EJB
    AuditLog audit;

    @GET
    @RolesAllowed({"admin", "viewer"})
    public List<AuditJson> latest(@QueryParam("domain") String domain, @QueryParam("max") @DefaultValue("100") int max) {
        return of(audit, domain, max);
    }

    static List<AuditJson> of(AuditLog audit, String domain, int max) {
        return audit.latest(domain == null || domain.isBlank() ? null : domain.strip().toLowerCase(Locale.ROOT),
                Math.max(1, Math.min(max, 1000))).stream().map(e -> new AuditJson(e.getAt(), e.getDomain(),
                e.getAction().name(), e.getClient(), e.getDetail())).toList();
    }
}
