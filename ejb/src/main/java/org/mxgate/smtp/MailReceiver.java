package org.mxgate.smtp;

import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.SmtpReply;

/**
 * What the SMTP side needs from the rest of mxgate: a verdict on each recipient and durable
 * storage of a complete message. {@code SmtpListener} wires it to the policy and the queue.
 */
public interface MailReceiver {

    /**
     * The reply refusing {@code recipient}, or {@code null} when it is accepted.
     *
     * @param sender the transaction's reverse-path, {@code null} for {@code <>}
     * @param client the client's IP address
     */
    SmtpReply checkRecipient(EmailAddress recipient, EmailAddress sender, String client);

    /**
     * Stores a complete message, committed when this returns.
     *
     * @param id the queue id to use (for the first gateway, when the recipients span several)
     * @param content the trace header and the message, with CRLF line ends
     * @throws Exception when the message could not be stored; the client is then told to retry
     */
    void store(String id, Envelope envelope, byte[] content) throws Exception;

    /** The reply to {@code ETRN argument} (RFC 1985) from {@code client}, having started what it asks. */
    SmtpReply etrn(String argument, String client);

    /**
     * {@code client} has just had its first message of a session stored: a domain server that
     * sends mail is up, and may get its held mail (RFC 5321 §4.5.4.1). Must not block.
     */
    default void sentMail(String client) {
    }
}
