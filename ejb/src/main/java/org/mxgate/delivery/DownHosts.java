package org.mxgate.delivery;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Next hops that could not be reached lately (Postfix's destination status cache): once a
 * connection to an address fails, other messages for it wait until its retry time instead of
 * each trying it, so that a queue run never spends itself on one dead host. Next hops whose TLS
 * failed are remembered as long, and get plaintext meanwhile.
 */
public final class DownHosts {

    private record Down(Instant until, String reason) {
    }

    private final Map<String, Down> down = new ConcurrentHashMap<>();
    private final Duration retryAfter;
    private final Clock clock;

    public DownHosts(Duration retryAfter, Clock clock) {
        this.retryAfter = retryAfter;
        this.clock = clock;
    }

    void markDown(InetAddress address, int port, String reason) {
        down.put(key(address, port), new Down(clock.instant().plus(retryAfter), reason));
    }

    /** Why the address is not tried now, or {@code null} when it may be. */
    String downReason(InetAddress address, int port) {
        Down d = down.get(key(address, port));
        if (d == null) {
            return null;
        }
        if (!clock.instant().isBefore(d.until())) {
            down.remove(key(address, port), d);
            return null;
        }
        return d.reason() + " (not retried before " + d.until() + ")";
    }

    /** Remembers that TLS with this next hop failed: it gets plaintext until its retry time. */
    void markTlsFailed(InetAddress address, int port, String reason) {
        down.put("tls " + key(address, port), new Down(clock.instant().plus(retryAfter), reason));
    }

    /** Whether TLS with this next hop failed lately (then mxgate does not offer it again yet). */
    boolean tlsFailed(InetAddress address, int port) {
        Down d = down.get("tls " + key(address, port));
        if (d != null && !clock.instant().isBefore(d.until())) {
            down.remove("tls " + key(address, port), d);
            return false;
        }
        return d != null;
    }

    /** Forgets every down host, as a flush asks. */
    public void forgetAll() {
        down.clear();
    }

    private static String key(InetAddress address, int port) {
        return address.getHostAddress() + ":" + port;
    }
}
