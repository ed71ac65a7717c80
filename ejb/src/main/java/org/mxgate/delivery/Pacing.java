package org.mxgate.delivery;

import java.util.ArrayList;
import java.util.List;
import org.mxgate.queue.DeliveryJob;

/**
 * How hard mxgate may push one next hop: at most {@code connections} connections at once and
 * {@code messagesPerConnection} messages over each, so that a primary coming back is not flooded.
 */
public record Pacing(int connections, int messagesPerConnection) {

    public Pacing {
        if (connections < 1 || messagesPerConnection < 1) {
            throw new IllegalArgumentException("pacing needs at least one connection and one message");
        }
    }

    /** The gateway's limits where it has them, within the server-wide ones. */
    public static Pacing of(Integer gatewayConnections, Integer gatewayMessages, Pacing global) {
        return new Pacing(gatewayConnections == null ? global.connections()
                : Math.min(gatewayConnections, global.connections()),
                gatewayMessages == null ? global.messagesPerConnection() : gatewayMessages);
    }

    /** Splits jobs for one next hop into at most {@link #connections} runs, one per connection slot. */
    public List<List<DeliveryJob>> spread(List<DeliveryJob> jobs) {
        int slots = Math.min(connections, jobs.size());
        List<List<DeliveryJob>> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < slots; i++) {
            int size = (jobs.size() - from) / (slots - i);
            parts.add(jobs.subList(from, from + size));
            from += size;
        }
        return parts;
    }
}
