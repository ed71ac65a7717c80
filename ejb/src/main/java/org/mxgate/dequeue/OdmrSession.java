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
import org.mxgate.smtp.SmtpReply;

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

    static final SmtpReply AUTH_REQUIRED = new SmtpReply(530, "5.7.0", "Authentication required");
    static final SmtpReply NO_MAIL = new SmtpReply(453, "4.3.0", "You have no mail");
    static final SmtpReply ACCESS_DENIED = new SmtpReply(450, "4.7.1", "Access denied to you");

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
                        reply(new SmtpReply(502, "5.5.1", channel.isSecure() ? "Error: TLS is already on"
                                : "Error: STARTTLS is not offered here"));
                    } else if (!arg.isEmpty()) {
                        reply(new SmtpReply(501, "5.5.4", "Syntax: STARTTLS"));
                    } else {
                        // RFC 3207 §4.2: after the handshake nothing said before counts; EHLO again
                        reply(new SmtpReply(220, "2.0.0", "Ready to start TLS"));
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
                        reply(new SmtpReply(421, "4.7.0", "Too many failed authentications, closing"));
                        return;
                    }
                }
                case "ATRN" -> {
                    if (atrn(arg)) {
                        return;
                    }
                }
                case "QUIT" -> {
                    reply(new SmtpReply(221, "2.0.0", hostname + " closing connection"));
                    return;
                }
                case "RSET", "NOOP" -> reply(new SmtpReply(250, "2.0.0", "Ok"));
                case "ETRN" -> reply(user == null ? AUTH_REQUIRED : queue.etrn(arg, user, client));
                case "MAIL", "RCPT", "DATA", "BDAT", "VRFY", "EXPN", "TURN" ->
                        reply(new SmtpReply(502, "5.5.1", "Error: " + verb + " is not offered on the"
                                + " on-demand mail relay port"));
                default -> reply(new SmtpReply(500, "5.5.2", "Error: command not recognized"));
            }
        }
    }

    /** AUTH (RFC 4954); false when the session must end after too many failures. */
    private boolean auth(String arg) throws IOException {
        if (!greeted) {
            reply(new SmtpReply(503, "5.5.1", "Error: send EHLO first"));
            return true;
        }
        if (user != null) {
            reply(new SmtpReply(503, "5.5.1", "Error: already authenticated"));
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
                reply(new SmtpReply(538, "5.7.11", "Encryption required for requested authentication mechanism"));
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
            reply(new SmtpReply(504, "5.5.4", "Unrecognized authentication type"));
            return true;
        }
        if (right) {
            user = name.toLowerCase(Locale.ROOT);
            reply(new SmtpReply(235, "2.7.0", "Authentication successful"));
            return true;
        }
        reply(new SmtpReply(535, "5.7.8", "Authentication credentials invalid"));
        return ++failedAuth < MAX_FAILED_AUTH;
    }

    /** A client's Base64 answer decoded, or null after telling it why not ({@code *} cancels). */
    private String decoded(String response) throws IOException {
        if (response == null || response.equals("*")) {
            reply(new SmtpReply(501, "5.0.0", "Authentication cancelled"));
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(response.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            reply(new SmtpReply(501, "5.5.2", "Cannot decode the authentication answer"));
            return null;
        }
    }

    /** ATRN (RFC 2645 §4); true once the connection has been turned around (the session is over). */
    private boolean atrn(String arg) throws IOException {
        if (user == null) {
            reply(AUTH_REQUIRED);
            return false;
        }
        List<String> domains = new ArrayList<>();
        if (!arg.isEmpty()) {
            for (String d : arg.split(",", -1)) {
                String domain = d.strip().toLowerCase(Locale.ROOT);
                if (!MailboxParser.isDomain(domain)) {
                    reply(new SmtpReply(501, "5.5.4", "Syntax: ATRN [domain[,domain]...]"));
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
        reply(new SmtpReply(250, "2.0.0", "OK now reversing the connection"));
        turn.deliver(channel.in(), channel.out());
        return true;
    }

    private void reply(SmtpReply reply) throws IOException {
        channel.send(reply.toString());
    }
}
