package org.mxgate.delivery;

import java.net.InetAddress;
import java.util.List;

/** Where a group of messages goes: relays to try in order, or a verdict reached without trying. */
public sealed interface Route {

    /** One next-hop host with its addresses, tried in order. */
    record Relay(String host, List<InetAddress> addresses, int port) {
    }

    record Relays(List<Relay> relays) implements Route {
    }

    /** Every recipient fails; {@code reason} starts with the enhanced status code. */
    record Fail(String reason) implements Route {
    }

    /** Every recipient waits for the next attempt; {@code reason} starts with the enhanced status code. */
    record Defer(String reason) implements Route {
    }
}
