package org.mxgate.dequeue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.mxgate.mail.MailboxParser;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;

/**
 * The server side of On-Demand Mail Relay (RFC 2645) up to the turn: EHLO, STARTTLS (where
 * mxgate has a certificate), AUTH (CRAM-MD5 always, PLAIN under TLS or where plaintext passwords
 * are allowed) and {@code ATRN [domain[,domain]...]}; ETRN too, for gateways that take it only
 * from a logged-in server.
 * When ATRN is granted the roles reverse on the same connection and {@link OdmrQueue.Turn#deliver}
 * runs mxgate's side as the SMTP client; the session ends with it.
 */
public final class OdmrSession {

    private static final int MAX_FAILED_AUTH = 3;
    private static final SecureRandom RANDOM = new SecureRandom();


    private final OdmrQueue queue;
    private final String client;
    private final String hostname;
    private final boolean plaintextWithoutTls;
    private final StartTls tls;
    private LineChannel channel;

    private boolean greeted;
    private String user;
    private int failedAuth;

    /**
     * @param plaintextAllowed whether AUTH PLAIN is taken without TLS
     * @param tls the STARTTLS upgrade, or null where mxgate has no certificate (not offered)
     */
    public OdmrSession(OdmrQueue queue, String client, boolean plaintextAllowed, String hostname, StartTls tls) {
        this.queue = queue;
        this.client = client;
        this.plaintextWithoutTls = plaintextAllowed;
        this.hostname = hostname;
        this.tls = tls;
    }

    /** Runs the session until QUIT, the end of a turn, a read error or too many failed logins. */
    public void run(InputStream in, OutputStream out) throws IOException {
        channel = new LineChannel(in, out, plaintextWithoutTls, tls);
        channel.send("220 " + hostname + " ESMTP on-demand mail relay (mxgate) ready");
        String line;
        while ((line = channel.read()) != null) {
            int space = line.indexOf(' ');
            String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String arg = space < 0 ? "" : line.substring(space + 1).strip();
            switch (verb) {
                case "EHLO" -> {
                    greeted = true;
                    channel.send("250-" + hostname + "\r\n250-AUTH " + (channel.plaintextAllowed()
                            ? "CRAM-MD5 PLAIN" : "CRAM-MD5") + "\r\n250-ATRN\r\n250-ETRN\r\n"
                            + (channel.tlsOffered() ? "250-STARTTLS\r\n" : "") + "250 ENHANCEDSTATUSCODES");
                }
                case "STARTTLS" -> {
                    if (!channel.tlsOffered()) {
                        reply(channel.isSecure() ? SmtpReplies.TLS_ALREADY_ON
                                : SmtpReplies.notOffered("STARTTLS", "here"));
                    } else if (!arg.isEmpty()) {
                        reply(SmtpReplies.STARTTLS_SYNTAX);
                    } else {
                        // RFC 3207 §4.2: after the handshake nothing said before counts; EHLO again
                        reply(SmtpReplies.READY_FOR_TLS);
                        channel.startTls();
                        greeted = false;
                        user = null;
                    }
                }
                case "HELO" -> {
                    greeted = true;
                    channel.send("250 " + hostname);
                }
                case "AUTH" -> {
                    if (!auth(arg)) {
                        reply(SmtpReplies.TOO_MANY_AUTH_FAILURES);
                        return;
                    }
                }
                case "ATRN" -> {
                    if (atrn(arg)) {
                        return;
                    }
                }
                case "QUIT" -> {
                    reply(SmtpReplies.closing(hostname));
                    return;
                }
                case "RSET", "NOOP" -> reply(SmtpReplies.OK);
                case "ETRN" -> reply(user == null ? SmtpReplies.AUTH_REQUIRED : queue.etrn(arg, user, client));
                case "MAIL", "RCPT", "DATA", "BDAT", "VRFY", "EXPN", "TURN" ->
                        reply(SmtpReplies.notOffered(verb, "on the on-demand mail relay port"));
                default -> reply(SmtpReplies.UNRECOGNISED);
            }
        }
    }

    /** AUTH (RFC 4954); false when the session must end after too many failures. */
    private boolean auth(String arg) throws IOException {
        if (!greeted) {
            reply(SmtpReplies.NEED_EHLO);
            return true;
        }
        if (user != null) {
            reply(SmtpReplies.ALREADY_AUTHENTICATED);
            return true;
        }
        String[] words = arg.split(" ");
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        String name;
        boolean right;
        if (mechanism.equals("CRAM-MD5") && words.length == 1) {
            String challenge = "<" + Math.abs(RANDOM.nextLong()) + "." + System.currentTimeMillis() + "@" + hostname + ">";
            channel.send("334 " + Base64.getEncoder().encodeToString(challenge.getBytes(StandardCharsets.US_ASCII)));
            String answer = decoded(channel.read());
            if (answer == null) {
                return true;
            }
            int cut = answer.lastIndexOf(' ');
            name = cut < 0 ? "" : answer.substring(0, cut);
            right = cut > 0 && queue.checkCramMd5(name, challenge, answer.substring(cut + 1), client);
        } else if (mechanism.equals("PLAIN") && words.length <= 2) {
            if (!channel.plaintextAllowed()) {
                reply(SmtpReplies.ENCRYPTION_REQUIRED);
                return true;
            }
            String response = words.length == 2 ? words[1] : null;
            if (response == null) {
                channel.send("334 ");
                response = channel.read();
            }
            String answer = decoded(response);
            if (answer == null) {
                return true;
            }
            String[] parts = answer.split("\0", -1);
            name = parts.length == 3 ? parts[1] : "";
            right = parts.length == 3 && (parts[0].isEmpty() || parts[0].equals(parts[1]))
                    && queue.checkPassword(name, parts[2], client);
        } else {
            reply(SmtpReplies.UNKNOWN_AUTH_TYPE);
            return true;
        }
        if (right) {
            user = name.toLowerCase(Locale.ROOT);
            reply(SmtpReplies.AUTH_OK);
            return true;
        }
        reply(SmtpReplies.AUTH_INVALID);
        return ++failedAuth < MAX_FAILED_AUTH;
    }

    /** A client's Base64 answer decoded, or null after telling it why not ({@code *} cancels). */
    private String decoded(String response) throws IOException {
        if (response == null || response.equals("*")) {
            reply(SmtpReplies.AUTH_CANCELLED);
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(response.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            reply(SmtpReplies.AUTH_UNDECODABLE);
            return null;
        }
    }

    /** ATRN (RFC 2645 §4); true once the connection has been turned around (the session is over). */
    private boolean atrn(String arg) throws IOException {
        if (user == null) {
            reply(SmtpReplies.AUTH_REQUIRED);
            return false;
        }
        List<String> domains = new ArrayList<>();
        if (!arg.isEmpty()) {
            for (String d : arg.split(",", -1)) {
                String domain = d.strip().toLowerCase(Locale.ROOT);
                if (!MailboxParser.isDomain(domain)) {
                    reply(SmtpReplies.ATRN_SYNTAX);
                    return false;
                }
                domains.add(domain);
            }
        }
        OdmrQueue.Turn turn = queue.turn(user, domains.isEmpty() ? List.of(user) : domains, client);
        if (turn.refusal() != null) {
            reply(turn.refusal());
            return false;
        }
        reply(SmtpReplies.TURNING);
        turn.deliver(channel.in(), channel.out());
        return true;
    }

    private void reply(SmtpReply reply) throws IOException {
        channel.send(reply.toString());
    }
}
