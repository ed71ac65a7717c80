package org.mxgate.queue;

import java.time.LocalDateTime;
import java.util.List;
import org.mxgate.gateway.DeliveryMode;
import org.mxgate.mail.Dsn;

/**
 * A claimed message ready for one delivery attempt: who it goes to and where. In MX mode it
 * goes to the MX hosts of {@code routeDomain}: the gateway's domain, or for a bounce the domain
 * of its recipient, or in FORWARD_ADDRESS mode the domain of {@code rewriteTo}, the one
 * envelope recipient that then replaces all of them. {@code dsn} is what the sender asked to be
 * told (RFC 3461), passed on to a next hop that supports DSN. Its bytes are
 * loaded separately when it is sent, so a batch of jobs stays small.
 */
public record DeliveryJob(String id, String gatewayDomain, String sender, List<String> recipients,
        LocalDateTime receivedAt, long size, DeliveryMode mode, String routeDomain, String host, Integer port,
        String rewriteTo, Integer maxConnections, Integer messagesPerConnection, Dsn.Request dsn) {

    /** Jobs with the same key go the same way and may share connections. */
    public String routeKey() {
        return mode == DeliveryMode.FORWARD ? "forward:" + host + ":" + port : "mx:" + routeDomain;
    }
}
