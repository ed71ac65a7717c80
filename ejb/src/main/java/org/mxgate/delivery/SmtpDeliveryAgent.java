package org.mxgate.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mxgate.mail.Dsn;
import org.mxgate.mail.MessageBytes;
import org.mxgate.mail.Mime;
import org.mxgate.queue.DeliveryJob;
import org.mxgate.queue.RecipientResult;
import org.mxgate.queue.RecipientStatus;

/**
 * Delivers jobs that go to one host over SMTP, several messages per connection. Every
 * recipient comes out DELIVERED (2xx), FAILED (5xx) or PENDING (4xx, no connection, lost
 * connection); the caller records the results.
 */
public final class SmtpDeliveryAgent {

    /** Where the agent gets message bytes and leaves results. */
    public interface Outcomes {
        Optional<MessageBytes> content(String id);

        /**
         * @param dsnPassedOn whether the next hop took the job's DSN request (RFC 3461), and so
         *        reports success itself
         */
        void record(DeliveryJob job, String relay, List<RecipientResult> results, String error,
                boolean dsnPassedOn);
    }

    private static final Logger LOG = Logger.getLogger(SmtpDeliveryAgent.class.getName());
    private static final Pattern ENHANCED = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final Pattern LOGGED_DSN = Pattern.compile("^(\\d{3} )?([245]\\.\\d{1,3}\\.\\d{1,3})");

    private final String heloName;
    private final DownHosts downHosts;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final javax.net.ssl.SSLContext tls;

    /** @param tls the TLS offered to next hops that announce STARTTLS ({@link OpportunisticTls}), or null for none */
    public SmtpDeliveryAgent(String heloName, Duration connectTimeout, Duration readTimeout, DownHosts downHosts,
            javax.net.ssl.SSLContext tls) {
        this.heloName = heloName;
        this.downHosts = downHosts;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls;
    }

    /**
     * Delivers the jobs along the route over one connection, then what {@code more} gives, over
     * the same connection, until it gives none. When the route fails or defers, only {@code jobs}
     * are settled.
     */
    public void deliver(Route route, List<DeliveryJob> jobs, Supplier<List<DeliveryJob>> more, Outcomes outcomes) {
        if (route instanceof Route.Fail f) {
            settleAll(jobs, "none", f.reason(), RecipientStatus.FAILED, outcomes);
        } else if (route instanceof Route.Defer d) {
            settleAll(jobs, "none", d.reason(), RecipientStatus.PENDING, outcomes);
        } else {
            deliverOnOneConnection(((Route.Relays) route).relays(), jobs, more, outcomes);
        }
    }

    private void deliverOnOneConnection(List<Route.Relay> relays, List<DeliveryJob> jobs,
            Supplier<List<DeliveryJob>> more, Outcomes outcomes) {
        SmtpClient client = null;
        String relay = "none";
        String lastError = null;
        search:
        for (Route.Relay next : relays) {
            for (InetAddress address : next.addresses()) {
                relay = next.host() + "[" + address.getHostAddress() + "]:" + next.port();
                String down = downHosts.downReason(address, next.port());
                if (down != null) {
                    lastError = down;
                    continue;
                }
                try {
                    client = open(address, next.port(), relay);
                    relay += client.tlsProtocol() != null ? " (" + client.tlsProtocol() + ")" : "";
                    break search;
                } catch (SmtpException e) {
                    lastError = dsnOf(e.response()) + " " + relay + " refused the session: " + e.response();
                    downHosts.markDown(address, next.port(), lastError);
                } catch (IOException e) {
                    lastError = "4.4.1 connect to " + relay + ": " + e.getMessage();
                    downHosts.markDown(address, next.port(), lastError);
                }
                if (client != null) {
                    client.quietQuit();
                    client = null;
                }
            }
        }
        if (client == null) {
            // a refused session is no verdict on the message: another attempt may find the host well
            settleAll(jobs, relay, lastError.startsWith("5") ? "4" + lastError.substring(1) : lastError,
                    RecipientStatus.PENDING, outcomes);
            return;
        }
        deliverOver(client, relay, jobs, more, outcomes);
    }

    /**
     * A connection to {@code address} that has said hello: under TLS where the next hop offers
     * STARTTLS and TLS with it has not failed lately; when the handshake fails, plaintext on a new
     * connection (opportunistic TLS, RFC 7435 §6.2: mail is not held back for want of TLS).
     */
    private SmtpClient open(InetAddress address, int port, String relay) throws IOException {
        SmtpClient client = SmtpClient.connect(new InetSocketAddress(address, port), connectTimeout, readTimeout);
        try {
            client.hello(heloName);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        if (tls == null || !client.supports("STARTTLS") || downHosts.tlsFailed(address, port)) {
            return client;
        }
        try {
            client.startTls(tls, heloName);
            return client;
        } catch (IOException e) {
            LOG.info("relay=" + relay + ": TLS failed (" + e.getMessage() + "); plaintext until the retry time");
            downHosts.markTlsFailed(address, port, e.toString());
            client.close();
            return open(address, port, relay);
        }
    }

    /**
     * Delivers the jobs one after the other over a connection that has said hello, then quits;
     * a lost connection leaves the jobs not yet answered pending. Each job's outcome is recorded
     * as soon as the next hop has answered for it.
     */
    public static void deliverOver(SmtpClient client, String relay, List<DeliveryJob> jobs, Outcomes outcomes) {
        deliverOver(client, relay, jobs, List::of, outcomes);
    }

    /** As {@link #deliverOver(SmtpClient, String, List, Outcomes)}, then what {@code more} gives, until none. */
    private static void deliverOver(SmtpClient client, String relay, List<DeliveryJob> jobs,
            Supplier<List<DeliveryJob>> more, Outcomes outcomes) {
        List<DeliveryJob> current = jobs;
        int sent = 0;
        try {
            while (!current.isEmpty()) {
                for (sent = 0; sent < current.size(); sent++) {
                    deliverOne(client, relay, current.get(sent), outcomes);
                }
                current = more.get();
            }
            client.quietQuit();
        } catch (IOException e) {
            client.close();
            String error = "4.4.2 lost connection with " + relay + ": " + e.getMessage();
            settleAll(current.subList(sent, current.size()), relay, error, RecipientStatus.PENDING, outcomes);
        }
    }

    private static void deliverOne(SmtpClient client, String relay, DeliveryJob job, Outcomes outcomes) throws IOException {
        Optional<MessageBytes> content = outcomes.content(job.id());
        if (content.isEmpty()) {
            outcomes.record(job, relay, List.of(), "message deleted while queued for delivery", false);
            return;
        }
        // FORWARD_ADDRESS: one envelope recipient stands for all; each original shares its fate
        boolean rewritten = job.rewriteTo() != null;
        List<String> envelope = rewritten ? List.of(job.rewriteTo()) : job.recipients();
        MessageBytes message = rewritten ? content.get().withPrefix(originalRecipients(job.recipients()))
                : content.get();
        // RFC 6152: 8-bit content goes as BODY=8BITMIME where offered, else converted to 7-bit MIME
        // (in memory: a large 8-bit message to a hop without 8BITMIME is read in whole)
        boolean eightBit = message.isEightBit();
        if (eightBit && !client.supports("8BITMIME")) {
            message = MessageBytes.of(SevenBitConversion.convert(message.toArray()));
            eightBit = false;
        }
        // the DSN request goes on with the original recipients only, to a next hop that takes it
        boolean passDsn = client.supports("DSN") && !rewritten;
        Dsn.Request dsn = job.dsn();
        List<RecipientResult> results = new ArrayList<>();
        SmtpResponse mail = passDsn ? client.mail(job.sender(), message.size(), eightBit, dsn.ret(), dsn.envid())
                : client.mail(job.sender(), message.size(), eightBit, null, null);
        if (!mail.isPositive()) {
            for (String r : job.recipients()) {
                results.add(result(r, mail));
            }
            client.rset();
            finish(job, relay, results, false, outcomes);
            return;
        }
        List<String> accepted = new ArrayList<>();
        for (String r : envelope) {
            Dsn.Recipient asked = dsn.of(r);
            SmtpResponse rcpt = passDsn ? client.rcpt(r, asked.notifyOn(),
                    asked.orcpt() != null ? asked.orcpt() : Dsn.orcptFor(r)) : client.rcpt(r, null, null);
            if (rcpt.isPositive()) {
                accepted.add(r);
            } else {
                results.add(result(r, rcpt));
            }
        }
        IOException lost = null;
        if (accepted.isEmpty()) {
            client.rset();
        } else {
            try {
                SmtpResponse data = client.data(message);
                accepted.forEach(r -> results.add(result(r, data)));
            } catch (IOException e) {
                // the next hop may or may not have the message: try again later, as RFC 5321 §6.1 asks
                lost = e;
                accepted.forEach(r -> results.add(new RecipientResult(r, RecipientStatus.PENDING,
                        "4.4.2 lost connection with " + relay + " while sending message: " + e.getMessage())));
            }
        }
        if (rewritten) {
            RecipientResult shared = results.get(0);
            finish(job, relay, job.recipients().stream()
                    .map(r -> new RecipientResult(r, shared.status(), shared.reply())).toList(), false, outcomes);
        } else {
            finish(job, relay, results, passDsn, outcomes);
        }
        if (lost != null) {
            throw lost;
        }
    }

    /** An {@code X-Original-To} header naming the envelope recipients a message was sent to. */
    static byte[] originalRecipients(List<String> recipients) {
        return ("X-Original-To: " + String.join(",\r\n\t", recipients) + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void finish(DeliveryJob job, String relay, List<RecipientResult> results, boolean dsnPassedOn,
            Outcomes outcomes) {
        for (RecipientResult r : results) {
            log(job, relay, r);
        }
        outcomes.record(job, relay, results, null, dsnPassedOn);
    }

    private static void settleAll(List<DeliveryJob> jobs, String relay, String error, RecipientStatus status,
            Outcomes outcomes) {
        for (DeliveryJob job : jobs) {
            List<RecipientResult> results = job.recipients().stream()
                    .map(r -> new RecipientResult(r, status, error)).toList();
            results.forEach(r -> log(job, relay, r));
            outcomes.record(job, relay, results, error, false);
        }
    }

    static RecipientResult result(String recipient, SmtpResponse response) {
        RecipientStatus status = response.isPositive() ? RecipientStatus.DELIVERED
                : response.isTransient() ? RecipientStatus.PENDING : RecipientStatus.FAILED;
        return new RecipientResult(recipient, status, response.toString());
    }

    /** The enhanced status code of a reply, or one derived from its class. */
    static String dsnOf(SmtpResponse response) {
        if (!response.lines().isEmpty()) {
            Matcher m = ENHANCED.matcher(response.lines().get(0));
            if (m.find()) {
                return m.group(1);
            }
        }
        return (response.code() / 100) + ".0.0";
    }

    private static void log(DeliveryJob job, String relay, RecipientResult r) {
        String status = switch (r.status()) {
            case DELIVERED -> "sent";
            case FAILED -> "bounced";
            default -> "deferred";
        };
        String reply = r.reply() == null ? "" : r.reply();
        Matcher m = LOGGED_DSN.matcher(reply);
        String dsn = m.find() ? m.group(2) : r.status() == RecipientStatus.DELIVERED ? "2.0.0"
                : r.status() == RecipientStatus.FAILED ? "5.0.0" : "4.0.0";
        Duration delay = Duration.between(job.receivedAt(), LocalDateTime.now());
        LOG.log(Level.INFO, "id={0} to=<{1}> relay={2} delay={3}s dsn={4} status={5} ({6})", new Object[] {
                job.id(), r.address(), relay, String.format("%.1f", delay.toMillis() / 1000.0), dsn, status, reply});
    }
}
