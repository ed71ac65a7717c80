package org.mxgate.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.Routing;
import org.mxgate.gateway.GatewayService;
import org.mxgate.queue.PrimaryHealth;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueueStatus;

/** The gateways page: every gateway with its queue counts. */
@Named
@RequestScoped
public class GatewaysPage {

    /** One table row. */
    public record Row(String domain, String mode, String target, boolean enabled, String automatic, long queued,
            long deferred, long active, long delivered, long failed, PrimaryHealth health) {
    }

    @EJB
    GatewayService gateways;

    @EJB
    QueueAdmin queueAdmin;

    private List<Row> rows;

    @EJB
    org.mxgate.autogateway.AuditLog audit;

    /** The latest entries of the audit log of automatic gateways. */
    public List<org.mxgate.autogateway.AuditEvent> getAudit() {
        return audit.latest(null, 50);
    }

    public List<Row> getRows() {
        if (rows == null) {
            Map<String, Map<QueueStatus, Long>> counts = queueAdmin.countsByGateway();
            rows = gateways.list().stream().map(g -> row(g, counts.getOrDefault(g.getDomain(), Map.of()),
                    queueAdmin.health(g.getDomain()))).toList();
        }
        return rows;
    }

    private static Row row(Gateway g, Map<QueueStatus, Long> c, PrimaryHealth health) {
        Routing r = g.routing();
        String target = switch (r.mode()) {
            case MX -> "MX hosts above this one";
            case FORWARD_ADDRESS -> r.forwardAddress();
            case HOLD -> "";
            default -> r.forwardHost() + (r.forwardPort() == null ? "" : " (port " + r.forwardPort() + ")");
        };
        String automatic = !g.isAutomatic() ? "" : switch (g.getAutoState()) {
            case PENDING -> "automatic: pending confirmation until " + g.creation().orElseThrow().confirmBy();
            case CONFIRMED -> "automatic: confirmed";
            case DELISTED -> "automatic: the DNS no longer names this server; new mail refused";
        };
        return new Row(g.getDomain(), r.mode().name(), target, g.isEnabled(), automatic,
                c.getOrDefault(QueueStatus.QUEUED, 0L), c.getOrDefault(QueueStatus.DEFERRED, 0L),
                c.getOrDefault(QueueStatus.ACTIVE, 0L), c.getOrDefault(QueueStatus.DELIVERED, 0L),
                c.getOrDefault(QueueStatus.FAILED, 0L), health);
    }
}
