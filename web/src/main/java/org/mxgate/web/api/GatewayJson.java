package org.mxgate.web.api;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mxgate.gateway.Gateway;
import org.mxgate.queue.PrimaryHealth;
import org.mxgate.queue.QueueStatus;

/**
 * A gateway as the API shows it, with the number of its messages in each queue state and (on
 * the single-gateway view) the health of its next hop. {@code automatic} is the state of a
 * gateway mxgate created by itself (PENDING, CONFIRMED, DELISTED), null for one an operator made.
 */
public record GatewayJson(String domain, String mode, String forwardHost, Integer forwardPort, String forwardAddress,
        boolean enabled, Long maxMessages, Long maxBytes, Integer maxConnections, Integer messagesPerConnection,
        LocalDateTime createdAt, String automatic, LocalDateTime confirmBy, String createdForClient, String mxRecords,
        Collection collection, Map<String, Long> queue, PrimaryHealth health) {

    /** How the domain's servers may collect its mail; the password itself is never shown. */
    public record Collection(List<String> methods, List<String> allowedAddresses, boolean authRequired,
            boolean passwordSet, boolean releaseOnContact) {
        static Collection of(Gateway g) {
            return new Collection(g.getCollectVia() == null ? List.of() : List.of(g.getCollectVia().split(",")),
                    g.getCollectFrom() == null ? List.of() : List.of(g.getCollectFrom().split(", ")),
                    g.isCollectAuth(), g.getCollectPassword() != null, g.isReleaseOnContact());
        }
    }

    static GatewayJson of(Gateway g, Map<QueueStatus, Long> counts) {
        return of(g, counts, null);
    }

    static GatewayJson of(Gateway g, Map<QueueStatus, Long> counts, PrimaryHealth health) {
        Map<String, Long> queue = new LinkedHashMap<>();
        for (QueueStatus s : QueueStatus.values()) {
            queue.put(s.name(), counts.getOrDefault(s, 0L));
        }
        return new GatewayJson(g.getDomain(), g.getMode().name(), g.getForwardHost(), g.getForwardPort(),
                g.getForwardAddress(), g.isEnabled(), g.getMaxMessages(), g.getMaxBytes(), g.getMaxConnections(),
                g.getMessagesPerConnection(), g.getCreatedAt(), g.isAutomatic() ? g.getAutoState().name() : null,
                g.getConfirmBy(), g.getCreatedForClient(), g.getMxRecords(), Collection.of(g), queue, health);
    }
}
