package org.mxgate.smtp.protocol;

import java.nio.file.Path;
import java.time.Duration;
import org.mxgate.dns.AddressRanges;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.MailboxParser;

/**
 * The limits and names the SMTP commands work with.
 *
 * @param hostname the name in the greeting, EHLO reply and trace header
 * @param maxMessageSize the largest message accepted, in bytes, as received
 * @param maxRecipients recipients per transaction
 * @param dataTimeout how long the whole DATA phase may take
 * @param postmaster the address {@code RCPT TO:<postmaster>} stands for (RFC 5321 §4.5.1)
 * @param spoolDir where messages too large to hold in memory are written while they are received
 *     (null: in memory, for tests)
 * @param errors how many error replies a session may get
 * @param clients what one client address may hold, and which addresses are exempt
 */
public record SmtpLimits(String hostname, int maxMessageSize, int maxRecipients, Duration dataTimeout,
        EmailAddress postmaster, Path spoolDir, ErrorLimit errors, ClientLimit clients) {

    /** Limits whose postmaster is {@code postmaster@hostname}, messages held in memory, errors by default. */
    public SmtpLimits(String hostname, int maxMessageSize, int maxRecipients, Duration dataTimeout) {
        this(hostname, maxMessageSize, maxRecipients, dataTimeout,
                MailboxParser.parseMailbox("postmaster@" + hostname).orElseThrow(), null, ErrorLimit.DEFAULT,
                ClientLimit.DEFAULT);
    }

    /** These limits with {@code errors} instead. */
    public SmtpLimits withErrors(ErrorLimit errors) {
        return new SmtpLimits(hostname, maxMessageSize, maxRecipients, dataTimeout, postmaster, spoolDir, errors,
                clients);
    }

    /** These limits with {@code clients} instead. */
    public SmtpLimits withClients(ClientLimit clients) {
        return new SmtpLimits(hostname, maxMessageSize, maxRecipients, dataTimeout, postmaster, spoolDir, errors,
                clients);
    }

    /**
     * What one client address may hold: at most {@code sessions} sessions at once (Postfix's
     * {@code smtpd_client_connection_count_limit}), so that one address cannot take every
     * session of the listener, each for at most {@code sessionTime} in all (a client trickling a
     * byte every few seconds ends there, as one inside DATA does after {@link #dataTimeout}). Clients in {@code trusted} (the domain servers, the operator's
     * own networks) are exempt from this and from the {@link ErrorLimit}.
     */
    public record ClientLimit(int sessions, Duration sessionTime, AddressRanges trusted) {

        public static final ClientLimit DEFAULT = new ClientLimit(10, Duration.ofMinutes(30),
                AddressRanges.parse("").orElseThrow());

        public ClientLimit {
            if (sessions < 1) {
                throw new IllegalArgumentException("sessions per client must be at least 1: " + sessions);
            }
            if (sessionTime.isNegative() || sessionTime.isZero()) {
                throw new IllegalArgumentException("the session time limit must be positive: " + sessionTime);
            }
        }
    }

    /**
     * Error replies (4xx and 5xx) one session may get, as Postfix's {@code smtpd_soft_error_limit},
     * {@code smtpd_hard_error_limit} and {@code smtpd_error_sleep_time}: from {@code soft} errors on each
     * reply waits {@code delay} (a client guessing addresses slows to one a second), and the error
     * that reaches {@code hard} is answered {@code 421 4.7.0} and the session closed.
     */
    public record ErrorLimit(int soft, int hard, Duration delay) {

        public static final ErrorLimit DEFAULT = new ErrorLimit(10, 20, Duration.ofSeconds(1));

        public ErrorLimit {
            if (soft < 0 || hard < 1 || delay.isNegative()) {
                throw new IllegalArgumentException("error limits: soft " + soft + ", hard " + hard + ", delay " + delay);
            }
        }
    }

    /** RFC 5321 §4.5.3.1.4: 512 octets including CRLF. */
    public static final int MAX_COMMAND_LINE = 510;
    /** RFC 5321 §4.5.3.1.6: 1000 octets including CRLF. */
    public static final int MAX_TEXT_LINE = 998;
    /** RFC 5321 §6.3: a message with this many trace headers is looping. */
    public static final int MAX_RECEIVED_HEADERS = 100;
}
