package org.mxgate.dequeue;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.logging.Logger;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayService;
import org.mxgate.policy.AddressRanges;
import org.mxgate.queue.QueueRunner;
import org.mxgate.queue.QueueService;
import org.mxgate.smtp.SmtpReply;

/**
 * Collection of a gateway's mail by its domain's own servers. ETRN (RFC 1985): a server the
 * gateway allows asks, and mxgate starts delivering the domain's waiting mail to it at once.
 */
@Stateless
public class DequeueService {

    private static final Logger LOG = Logger.getLogger(DequeueService.class.getName());

    @EJB
    GatewayService gateways;

    @EJB
    QueueService queue;

    @EJB
    QueueRunner runner;

    /** The reply to {@code ETRN argument} from {@code client}. */
    public SmtpReply etrn(String argument, String client) {
        EtrnRequest request = EtrnRequest.parse(argument).orElse(null);
        if (request == null) {
            return new SmtpReply(501, "5.5.4", "Syntax: ETRN domain, ETRN @domain or ETRN #queue");
        }
        List<Gateway> asked = gateways.list().stream().filter(g -> request.covers(g.getDomain()))
                .filter(g -> g.collectsVia("ETRN") && allowed(g, client)).toList();
        if (asked.isEmpty()) {
            LOG.info("ETRN " + argument.strip() + " from [" + client + "]: node not allowed");
            return new SmtpReply(459, "4.7.1", "<" + request.node() + ">: node not allowed");
        }
        if (asked.stream().noneMatch(Gateway::isEnabled)) {
            return new SmtpReply(458, "4.7.0", "Unable to queue messages for node " + request.node()
                    + " (its gateway is disabled)");
        }
        int released = queue.release(asked.stream().map(Gateway::getDomain).toList());
        LOG.info("ETRN " + argument.strip() + " from [" + client + "]: " + released + " message(s) for "
                + asked.stream().map(Gateway::getDomain).toList());
        if (released == 0) {
            return new SmtpReply(251, "2.0.0", "OK, no messages waiting for node " + request.node());
        }
        runner.flush();
        return new SmtpReply(253, "2.0.0", "OK, " + released + " pending messages for node " + request.node()
                + " started");
    }

    /** Whether {@code client} is in the gateway's list of addresses allowed to collect. */
    static boolean allowed(Gateway g, String client) {
        if (g.getCollectFrom() == null) {
            return false;
        }
        try {
            return AddressRanges.parse(g.getCollectFrom()).map(r -> {
                try {
                    return r.contains(InetAddress.getByName(client));
                } catch (UnknownHostException e) {
                    return false;
                }
            }).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
