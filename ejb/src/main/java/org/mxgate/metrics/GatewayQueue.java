package org.mxgate.metrics;

import java.time.Duration;
import java.util.Map;

/**
 * The state of one gateway's queue at one moment: messages by state (lower-case names), the bytes
 * and the age of the oldest of those still waiting for delivery, and whether its next hop took
 * the last attempt ({@code null}: not tried since this instance started).
 */
public record GatewayQueue(Map<String, Long> messages, long backlogBytes, Duration oldestWaiting,
        Boolean nextHopUp) {

    public GatewayQueue {
        messages = Map.copyOf(messages);
    }
}
