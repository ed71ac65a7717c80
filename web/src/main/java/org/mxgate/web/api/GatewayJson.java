package org.mxgate.web.api;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mxgate.gateway.Gateway;
import org.mxgate.queue.QueueStatus;

/** A gateway as the API shows it, with the number of its messages in each queue state. */
public record GatewayJson(String domain, String mode, String forwardHost, Integer forwardPort, String forwardAddress,
        boolean enabled,
        Long maxMessages, Long maxBytes, LocalDateTime createdAt, Map<String, Long> queue) {

    static GatewayJson of(Gateway g, Map<QueueStatus, Long> counts) {
        Map<String, Long> queue = new LinkedHashMap<>();
        for (QueueStatus s : QueueStatus.values()) {
            queue.put(s.name(), counts.getOrDefault(s, 0L));
        }
        return new GatewayJson(g.getDomain(), g.getMode().name(), g.getForwardHost(), g.getForwardPort(),
                g.getForwardAddress(), g.isEnabled(), g.getMaxMessages(), g.getMaxBytes(), g.getCreatedAt(), queue);
    }
}
