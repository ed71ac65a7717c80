package org.mxgate.queue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.mxgate.gateway.DeliveryMode;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.Routing;
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

    /**
     * A report or notice mxgate wrote (from {@code <>}), or mail for the operator's postmaster
     * address (from its sender): to the MX hosts of its recipient's domain.
     */
    static DeliveryJob report(QueuedMessage m) {
        return new DeliveryJob(m.getId(), m.getGatewayDomain(), m.getSender(), m.pendingRecipients(), m.getReceivedAt(),
                m.getSize(), DeliveryMode.MX, domainOf(m.getRecipients().get(0).getAddress()), null, null, null,
                null, null, m.dsn());
    }

    /**
     * Mail of gateway {@code g} by its route: FORWARD to its forward hosts, MX to the MX hosts above
     * mxgate, FORWARD_ADDRESS to the one address's MX hosts; held mail a domain server asked for
     * as {@link Routing#sendingMode()} says.
     */
    static DeliveryJob byRoute(QueuedMessage m, Gateway g) {
        Routing route = g.routing();
        String rewriteTo = route.mode() == DeliveryMode.FORWARD_ADDRESS ? route.forwardAddress() : null;
        String routeDomain = rewriteTo != null ? domainOf(rewriteTo) : m.getGatewayDomain();
        return new DeliveryJob(m.getId(), m.getGatewayDomain(), m.getSender(), m.pendingRecipients(),
                m.getReceivedAt(), m.getSize(), route.sendingMode(), routeDomain, route.forwardHost(), route.forwardPort(), rewriteTo,
                g.limits().maxConnections(), g.limits().messagesPerConnection(), m.dsn());
    }

    /** Mail its gateway's domain server collects over a turned connection (ATRN). */
    public static DeliveryJob collected(QueuedMessage m) {
        return new DeliveryJob(m.getId(), m.getGatewayDomain(), m.getSender(), m.pendingRecipients(),
                m.getReceivedAt(), m.getSize(), DeliveryMode.HOLD, m.getGatewayDomain(), null, null, null, null, null,
                m.dsn());
    }

    /** The domain of a stored address (stored addresses are valid, so they have one). */
    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** Jobs with the same key go the same way and may share connections. */
    public String routeKey() {
        return mode == DeliveryMode.FORWARD ? "forward:" + host + ":" + port : "mx:" + routeDomain;
    }
}
