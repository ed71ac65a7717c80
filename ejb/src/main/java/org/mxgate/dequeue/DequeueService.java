package org.mxgate.dequeue;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.mxgate.admin.Passwords;
import org.mxgate.delivery.QueueRunner;
import org.mxgate.gateway.CramMd5;
import org.mxgate.gateway.CollectionMethod;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayService;

import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;
import org.mxgate.queue.AttemptResult;
import org.mxgate.queue.DeliveryJob;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueueService;
import org.mxgate.queue.QueueStatus;
import org.mxgate.queue.QueuedMessage;
import org.mxgate.queue.RecipientResult;
import org.mxgate.queue.RecipientStatus;

/**
 * Collection of a gateway's mail by its domain's own servers, each allowed by the gateway's
 * collection settings: ETRN (RFC 1985) starts delivery to them at once; ATRN (RFC 2645) and POP3
 * claim the mail for the collecting session, which records what the server took and gives the
 * rest back.
 */
@Stateless
public class DequeueService {

    private static final Logger LOG = Logger.getLogger(DequeueService.class.getName());
    private static final Duration COLLECTION_LEASE = Duration.ofMinutes(30);
    static final int MAILDROP_LIMIT = 1000;

    @EJB
    GatewayService gateways;

    @EJB
    QueueService queue;

    @EJB
    QueueAdmin queueAdmin;

    @EJB
    QueueRunner runner;

    /**
     * The reply to {@code ETRN argument} from {@code client}, logged in as gateway
     * {@code authenticated} (null when the session did not log in): a gateway that requires
     * authentication answers only a session logged in with its own credentials.
     */
    public SmtpReply etrn(String argument, String client, String authenticated) {
        EtrnRequest request = EtrnRequest.parse(argument).orElse(null);
        if (request == null) {
            return SmtpReplies.ETRN_SYNTAX;
        }
        List<Gateway> named = gateways.list().stream().filter(g -> request.covers(g.getDomain()))
                .filter(g -> g.collectsVia(CollectionMethod.ETRN) && allowed(g, client)).toList();
        List<Gateway> asked = named.stream()
                .filter(g -> !g.collection().authRequired() || g.getDomain().equals(authenticated)).toList();
        if (asked.isEmpty() && !named.isEmpty()) {
            LOG.info("ETRN " + argument.strip() + " from [" + client + "]: authentication required");
            return SmtpReplies.etrnNeedsAuth(request.node());
        }
        if (asked.isEmpty()) {
            LOG.info("ETRN " + argument.strip() + " from [" + client + "]: node not allowed");
            return SmtpReplies.etrnNodeNotAllowed(request.node());
        }
        if (asked.stream().noneMatch(Gateway::isEnabled)) {
            return SmtpReplies.etrnGatewayDisabled(request.node());
        }
        int released = queue.release(asked.stream().map(Gateway::getDomain).toList());
        LOG.info("ETRN " + argument.strip() + " from [" + client + "]: " + released + " message(s) for "
                + asked.stream().map(Gateway::getDomain).toList());
        if (released == 0) {
            // nothing left to start, but mail being delivered or collected right now is on its way
            boolean underWay = asked.stream().anyMatch(g -> queueAdmin.countsOf(g.getDomain())
                    .getOrDefault(QueueStatus.ACTIVE, 0L) > 0);
            return underWay ? SmtpReplies.etrnUnderWay(request.node())
                    : SmtpReplies.etrnNothingWaiting(request.node());
        }
        runner.flush();
        return SmtpReplies.etrnStarted(released, request.node());
    }

    /**
     * Opens the POP3 maildrop of the gateway named {@code user} for session {@code owner}, when
     * the gateway offers POP3, {@code client} may collect and the password is right: its waiting
     * mail, claimed for the session (at most {@value #MAILDROP_LIMIT} messages). A message
     * for several recipients is shown once per recipient, each copy with its one
     * {@code X-Envelope-To:} header, so that a multidrop client routes every copy right.
     */
    public Optional<List<Pop3Maildrop.Message>> pop3Open(String user, String password, String client,
            String owner) {
        Optional<Gateway> gateway = gateways.find(user.toLowerCase(Locale.ROOT));
        String refusal = gateway.isEmpty() ? "no such gateway"
                : !gateway.get().collectsVia(CollectionMethod.POP3) ? "POP3 is not enabled"
                : !allowed(gateway.get(), client) ? "client not allowed"
                : !Passwords.matches(password, gateway.get().collection().passwordHash()) ? "wrong password" : null;
        if (refusal != null) {
            LOG.info("POP3 login " + Lines.printable(user) + " from [" + client + "] refused: " + refusal);
            return Optional.empty();
        }
        List<Pop3Maildrop.Message> messages = new ArrayList<>();
        for (QueuedMessage m : queue.claimGateway(gateway.get().getDomain(), owner, COLLECTION_LEASE, MAILDROP_LIMIT)) {
            for (String r : m.pendingRecipients()) {
                messages.add(new Pop3Maildrop.Message(uid(m.getId(), r), envelopeHeader(r).length + m.getSize()));
            }
        }
        LOG.info("POP3 login " + gateway.get().getDomain() + " from [" + client + "]: " + messages.size()
                + " message(s)");
        return Optional.of(messages);
    }

    /** One recipient's copy of a collected message: its {@code X-Envelope-To:} header, then the message. */
    public Optional<byte[]> pop3Content(String uid) {
        QueuedMessage m = queue.get(uid.substring(0, uid.indexOf('-')));
        Optional<String> recipient = m.pendingRecipients().stream().filter(r -> uid(m.getId(), r).equals(uid))
                .findFirst();
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        // a POP3 session sends each message from memory (a large spooled one is read in whole)
        return queue.content(m.getId()).map(content -> content.withPrefix(envelopeHeader(recipient.get())).toArray());
    }

    /**
     * The POP3 UPDATE state: the recipients whose copies were deleted are recorded as collected
     * (a message is delivered once all its copies are); the rest goes back.
     */
    public void pop3Commit(String owner, List<String> deleted, String client) {
        Map<String, List<String>> byMessage = new LinkedHashMap<>();
        deleted.forEach(uid -> byMessage.computeIfAbsent(uid.substring(0, uid.indexOf('-')),
                id -> new ArrayList<>()).add(uid));
        byMessage.forEach((id, uids) -> {
            QueuedMessage m = queue.get(id);
            List<RecipientResult> results = m.pendingRecipients().stream().filter(r -> uids.contains(uid(id, r)))
                    .map(r -> new RecipientResult(r, RecipientStatus.DELIVERED, "250 2.0.0 collected over POP3 by ["
                            + client + "]")).toList();
            queue.recordAttempt(new AttemptResult(id, owner, "pop3[" + client + "]", results, null, true));
        });
        releaseClaims(owner);
    }

    /** Puts back what a collecting session (POP3, ATRN) still holds. */
    public void releaseClaims(String owner) {
        queue.releaseOwned(owner);
    }

    /**
     * A client has sent mail: the gateways that allow it and release on contact send their held
     * mail now (RFC 5321 §4.5.4.1), as if it had asked with ETRN. Runs on its own thread, so the
     * SMTP session does not wait for it.
     */
    @Asynchronous
    public void releaseOnContact(String client) {
        List<String> domains = gateways.releasingOnContact().stream()
                .filter(g -> g.releasesOnContact() && allowed(g, client)).map(Gateway::getDomain).toList();
        if (domains.isEmpty()) {
            return;
        }
        int released = queue.release(domains);
        if (released > 0) {
            LOG.info("mail from [" + client + "]: " + released + " held message(s) for " + domains + " released");
            runner.flush();
        }
    }

    /**
     * Whether {@code user} names a gateway offering ATRN (or ETRN) and the password is its
     * collection password (AUTH PLAIN on the ODMR listener).
     */
    public boolean odmrPassword(String user, String password, String client) {
        return odmrLogin(user, client, "PLAIN", g -> Passwords.matches(password, g.collection().passwordHash()));
    }

    /** Whether {@code digest} answers {@code challenge} for the gateway {@code user} (AUTH CRAM-MD5). */
    public boolean odmrCramMd5(String user, String challenge, String digest, String client) {
        return odmrLogin(user, client, "CRAM-MD5", g -> CramMd5.matches(g.collection().cramMd5Secret(), challenge, digest));
    }

    private boolean odmrLogin(String user, String client, String mechanism, Predicate<Gateway> right) {
        Optional<Gateway> gateway = gateways.find(user.toLowerCase(Locale.ROOT));
        String refusal = gateway.isEmpty() ? "no such gateway"
                : !gateway.get().collectsVia(CollectionMethod.ATRN) && !gateway.get().collectsVia(CollectionMethod.ETRN) ? "neither ATRN nor ETRN is enabled"
                : !right.test(gateway.get()) ? "wrong password" : null;
        LOG.info("ODMR AUTH " + mechanism + " " + Lines.printable(user) + " from [" + client + "]"
                + (refusal == null ? ": ok" : " refused: " + refusal));
        return refusal == null;
    }

    /** What ATRN gets: a refusal, or the jobs claimed for the turned connection. */
    public record Atrn(SmtpReply refusal, List<DeliveryJob> jobs) {
    }

    /**
     * ATRN (RFC 2645) from {@code client}, logged in as gateway {@code user}: it may collect its
     * own domain only, when the gateway offers ATRN to this address. The waiting mail of the
     * domains is claimed for {@code owner} (at most {@value #MAILDROP_LIMIT} messages a turn).
     */
    public Atrn atrn(String user, List<String> domains, String client, String owner) {
        List<Gateway> asked = new ArrayList<>();
        for (String domain : domains) {
            Optional<Gateway> g = gateways.find(domain);
            if (!domain.equals(user) || g.isEmpty() || !g.get().collectsVia(CollectionMethod.ATRN) || !allowed(g.get(), client)) {
                LOG.info("ATRN " + domain + " by " + user + " from [" + client + "]: access denied");
                return new Atrn(SmtpReplies.ACCESS_DENIED, List.of());
            }
            if (!g.get().isEnabled()) {
                return new Atrn(SmtpReplies.atrnGatewayDisabled(domain), List.of());
            }
            asked.add(g.get());
        }
        List<DeliveryJob> jobs = new ArrayList<>();
        for (Gateway g : asked) {
            for (QueuedMessage m : queue.claimGateway(g.getDomain(), owner, COLLECTION_LEASE, MAILDROP_LIMIT - jobs.size())) {
                jobs.add(DeliveryJob.collected(m));
            }
        }
        LOG.info("ATRN " + domains + " by " + user + " from [" + client + "]: " + jobs.size() + " message(s)");
        return jobs.isEmpty() ? new Atrn(SmtpReplies.NO_MAIL, List.of()) : new Atrn(null, jobs);
    }

    /** A copy's unique id, stable across sessions: the queue id and a digest of the recipient. */
    static String uid(String id, String recipient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(recipient.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return id + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] envelopeHeader(String recipient) {
        return ("X-Envelope-To: " + recipient + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code client} is in the gateway's list of addresses allowed to collect. */
    static boolean allowed(Gateway g, String client) {
        return g.collection().allows(client, g.getDomain());
    }
}
