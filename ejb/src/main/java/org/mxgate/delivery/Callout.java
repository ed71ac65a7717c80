package org.mxgate.delivery;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;
import org.mxgate.gateway.DeliveryMode;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.Routing;
import org.mxgate.verify.Answer;
import org.mxgate.verify.RecipientProbe;

/**
 * Recipient verification by SMTP callout: along the gateway's delivery route (held mail's route
 * for a HOLD gateway; a FORWARD_ADDRESS gateway takes every recipient), the first host
 * that greets is asked {@code MAIL FROM:<>} and {@code RCPT TO:<address>}, then the session is
 * ended with QUIT; no DATA is ever sent. 2xx means valid, 5xx to RCPT unknown; a host that
 * cannot be reached, a 4xx, or a refused null sender gives no answer.
 */
@ApplicationScoped
public class Callout implements RecipientProbe {

    private static final Logger LOG = Logger.getLogger(Callout.class.getName());

    @Inject
    GatewaySettings settings;

    private RoutePlanner routes;
    private String heloName;
    private int defaultPort;

    Callout() {
    }

    /** A callout along {@code routes}, saying {@code heloName}, to MX hosts at {@code defaultPort}. */
    Callout(RoutePlanner routes, String heloName, int defaultPort) {
        this.routes = routes;
        this.heloName = heloName;
        this.defaultPort = defaultPort;
    }

    @PostConstruct
    void start() {
        routes = RoutePlanner.of(settings);
        heloName = settings.hostname();
        defaultPort = settings.deliveryPort();
    }

    @Override
    public Answer probe(Gateway gateway, String address, Duration timeout) {
        Routing r = gateway.routing();
        if (r.sendingMode() == DeliveryMode.FORWARD_ADDRESS) {
            // all of the gateway's mail goes to one address, whatever the recipient: none is unknown
            return Answer.VALID;
        }
        Route route = routes.of(r.sendingMode(), gateway.getDomain(), gateway.getDomain(), r.forwardHost(),
                r.forwardPort(), defaultPort);
        if (!(route instanceof Route.Relays relays)) {
            LOG.info("callout for " + address + ": no next hop to ask (" + reason(route) + ")");
            return Answer.UNAVAILABLE;
        }
        for (Route.Relay relay : relays.relays()) {
            for (InetAddress ip : relay.addresses()) {
                String where = relay.host() + "[" + ip.getHostAddress() + "]:" + relay.port();
                try (SmtpClient client = SmtpClient.connect(new InetSocketAddress(ip, relay.port()), timeout, timeout)) {
                    client.hello(heloName);
                    SmtpResponse mail = client.mail("", 0, false, null, null);
                    if (!mail.isPositive()) {
                        LOG.info("callout for " + address + ": " + where + " refused the null sender: " + mail);
                        client.quietQuit();
                        return Answer.UNAVAILABLE;
                    }
                    SmtpResponse rcpt = client.rcpt(address, null, null);
                    client.quietQuit();
                    if (rcpt.isPositive()) {
                        return Answer.VALID;
                    }
                    if (rcpt.code() >= 500) {
                        LOG.info("callout for " + address + ": " + where + " said " + rcpt);
                        return Answer.UNKNOWN;
                    }
                    LOG.info("callout for " + address + ": " + where + " said " + rcpt + " (no answer)");
                    return Answer.UNAVAILABLE;
                } catch (IOException e) {
                    LOG.info("callout for " + address + ": " + where + ": " + e.getMessage());
                }
            }
        }
        return Answer.UNAVAILABLE;
    }

    private static String reason(Route route) {
        return route instanceof Route.Fail f ? f.reason() : ((Route.Defer) route).reason();
    }
}
