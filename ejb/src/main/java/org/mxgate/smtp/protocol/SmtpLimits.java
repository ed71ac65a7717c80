package org.mxgate.smtp.protocol;

import java.nio.file.Path;
import java.time.Duration;
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
 */
public record SmtpLimits(String hostname, int maxMessageSize, int maxRecipients, Duration dataTimeout,
        EmailAddress postmaster, Path spoolDir) {

    /** Limits whose postmaster is {@code postmaster@hostname}, messages held in memory. */
    public SmtpLimits(String hostname, int maxMessageSize, int maxRecipients, Duration dataTimeout) {
        this(hostname, maxMessageSize, maxRecipients, dataTimeout,
                MailboxParser.parseMailbox("postmaster@" + hostname).orElseThrow(), null);
    }

    /** RFC 5321 §4.5.3.1.4: 512 octets including CRLF. */
    public static final int MAX_COMMAND_LINE = 510;
    /** RFC 5321 §4.5.3.1.6: 1000 octets including CRLF. */
    public static final int MAX_TEXT_LINE = 998;
    /** RFC 5321 §6.3: a message with this many trace headers is looping. */
    public static final int MAX_RECEIVED_HEADERS = 100;
}
