package org.mxgate.delivery;

/**
 * How hard mxgate may push one next hop: at most {@code connections} connections at once and
 * {@code messagesPerConnection} messages over each, so that a primary coming back is not flooded
 * ({@link HopQueues} keeps to it).
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
}
