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
 * @param plainAuthWithoutTls the clients that may log in by AUTH PLAIN or LOGIN before STARTTLS
 *     (RFC 4954 §4: the password in the clear only where nobody can listen)
 */
public record SmtpLimits(String hostname, int maxMessageSize, int maxRecipients, Duration dataTimeout,
        EmailAddress postmaster, Path spoolDir, ErrorLimit errors, ClientLimit clients, AddressRanges plainAuthWithoutTls) {

    /** Where AUTH PLAIN and LOGIN are offered without TLS: the loopback addresses. */
    public static final AddressRanges LOOPBACK = AddressRanges.parse("127.0.0.0/8, ::1/128").orElseThrow();

    /** These limits, with AUTH without TLS offered to loopback clients only. */
    public SmtpLimits(String hostname, int maxMessageSize, int maxRecipients, Duration dataTimeout,
            EmailAddress postmaster, Path spoolDir, ErrorLimit errors, ClientLimit clients) {
        this(hostname, maxMessageSize, maxRecipients, dataTimeout, postmaster, spoolDir, errors, clients, LOOPBACK);
    }

    /** Limits whose postmaster is {@code postmaster@hostname}, messages held in memory, errors by default. */
    public SmtpLimits(String hostname, int maxMessageSize, int maxRecipients, Duration dataTimeout) {
        this(hostname, maxMessageSize, maxRecipients, dataTimeout,
                MailboxParser.parseMailbox("postmaster@" + hostname).orElseThrow(), null, ErrorLimit.DEFAULT,
                ClientLimit.DEFAULT);
    }

    /** These limits with {@code errors} instead. */
    public SmtpLimits withErrors(ErrorLimit errors) {
        return new SmtpLimits(hostname, maxMessageSize, maxRecipients, dataTimeout, postmaster, spoolDir, errors,
                clients, plainAuthWithoutTls);
    }

    /** These limits with AUTH PLAIN and LOGIN offered without TLS to {@code clients} only. */
    public SmtpLimits withPlainAuthWithoutTls(AddressRanges clients) {
        return new SmtpLimits(hostname, maxMessageSize, maxRecipients, dataTimeout, postmaster, spoolDir, errors,
                this.clients, clients);
    }

    /** These limits with {@code clients} instead. */
    public SmtpLimits withClients(ClientLimit clients) {
        return new SmtpLimits(hostname, maxMessageSize, maxRecipients, dataTimeout, postmaster, spoolDir, errors,
                clients, plainAuthWithoutTls);
    }

    /**
     * What one client address may hold: at most {@code sessions} sessions at once (Postfix's
     * {@code smtpd_client_connection_count_limit}), so that one address cannot take every
     * session of the listener, each for at most {@code sessionTime} in all (a client trickling a
     * byte every few seconds ends there, as one inside DATA does after {@link #dataTimeout});
     * at most {@code connectionsPerMinute} new sessions and {@code recipientsPerMinute} RCPTs a
     * minute (0: no limit; Postfix's {@code smtpd_client_connection_rate_limit} and
     * {@code smtpd_client_recipient_rate_limit}); and the greeting comes after
     * {@code greetingDelay} (0: at once), within which a client that talks is refused (it does not
     * wait for the greeting, as spam engines do not; postscreen's pregreet test). Clients in {@code trusted} (the domain servers, the
     * operator's own networks) are exempt from all of this and from the {@link ErrorLimit}.
     */
    public record ClientLimit(int sessions, Duration sessionTime, AddressRanges trusted, int connectionsPerMinute,
            int recipientsPerMinute, Duration greetingDelay) {

        public static final ClientLimit DEFAULT = new ClientLimit(10, Duration.ofMinutes(30),
                AddressRanges.parse("").orElseThrow(), 120, 600, Duration.ZERO);

        /** No limit on rates and no greeting delay. */
        public ClientLimit(int sessions, Duration sessionTime, AddressRanges trusted) {
            this(sessions, sessionTime, trusted, 0, 0, Duration.ZERO);
        }

        public ClientLimit {
            if (sessions < 1) {
                throw new IllegalArgumentException("sessions per client must be at least 1: " + sessions);
            }
            if (sessionTime.isNegative() || sessionTime.isZero()) {
                throw new IllegalArgumentException("the session time limit must be positive: " + sessionTime);
            }
            if (connectionsPerMinute < 0 || recipientsPerMinute < 0) {
                throw new IllegalArgumentException("rates per minute must be 0 (no limit) or positive");
            }
            if (greetingDelay.isNegative() || greetingDelay.compareTo(Duration.ofSeconds(30)) > 0) {
                throw new IllegalArgumentException("the greeting delay must be 0 to 30 s: " + greetingDelay);
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
