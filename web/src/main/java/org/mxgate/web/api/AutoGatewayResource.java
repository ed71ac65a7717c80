package org.mxgate.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.mxgate.admin.ServiceException;
import org.mxgate.admin.AuditLog;
import org.mxgate.autogateway.AutoGatewayService;
import org.mxgate.autogateway.AutoGatewaySettings;
import org.mxgate.autogateway.AutoGatewaySpec;

/** Automatic gateway creation: its settings, confirmations, and the audit log. */
@Path("auto-gateways")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AutoGatewayResource {

    /** The settings as shown. */
    public record SettingsJson(boolean enabled, String templateDomain, boolean templateMissing,
            boolean deliverToHigherMx, boolean skipLocalSenders, boolean refuseReservedMx, String reservedRanges,
            boolean requireConfirmation, String confirmationAddress, int confirmWithinMinutes,
            int maxPerClientPerHour) {
        static SettingsJson of(AutoGatewaySettings s, boolean templateMissing) {
            return new SettingsJson(s.isEnabled(), s.getTemplateDomain(), templateMissing, s.isDeliverToHigherMx(),
                    s.isSkipLocalSenders(), s.isRefuseReservedMx(), s.getReservedRanges(), s.isRequireConfirmation(),
                    s.getConfirmationAddress(), s.getConfirmWithinMinutes(), s.getMaxPerClientPerHour());
        }
    }

    /** One audit log entry as shown. */
    /** A confirmation: the domain (operators) or the token from the message. */
    public record Confirmation(String domain, String token) {
    }

    @EJB
    AutoGatewayService service;

    @EJB
    AuditLog audit;

    @GET
    @Path("settings")
    @RolesAllowed({"admin", "viewer"})
    public SettingsJson settings() {
        return SettingsJson.of(service.settings(), service.missingTemplate().isPresent());
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public SettingsJson update(AutoGatewaySpec spec) {
        if (spec == null) {
            throw new BadRequestException("a JSON object with the settings to change is required");
        }
        AutoGatewaySettings updated = service.update(spec);
        return SettingsJson.of(updated, service.missingTemplate().isPresent());
    }

    /** Confirms a pending automatic gateway, by its domain or by the token it was sent. */
    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Map<String, String> confirm(Confirmation confirmation) {
        if (confirmation == null || (confirmation.domain() == null) == (confirmation.token() == null)) {
            throw ServiceException.invalid("domain", "give either the domain or the token");
        }
        if (confirmation.token() != null) {
            String domain = service.confirmByToken(confirmation.token().strip(), audit.operatorName()).orElseThrow(() ->
                    ServiceException.notFound("no gateway is waiting for this token"));
            return Map.of("domain", domain, "state", "CONFIRMED");
        }
        service.confirm(confirmation.domain().strip().toLowerCase(java.util.Locale.ROOT), audit.operatorName());
        return Map.of("domain", confirmation.domain(), "state", "CONFIRMED");
    }

    /** Asks the DNS now, as the hourly check does, whether it still names mxgate for each automatic gateway. */
    @POST
    @Path("recheck")
    @RolesAllowed("admin")
    public Map<String, Integer> recheck() {
        return Map.of("changed", service.recheck());
    }

    @GET
    @Path("audit")
    @RolesAllowed({"admin", "viewer"})
    public List<AuditResource.AuditJson> audit(@QueryParam("domain") String domain,
            @QueryParam("max") @DefaultValue("100") int max) {
        return AuditResource.of(audit, domain, max);
    }
}
