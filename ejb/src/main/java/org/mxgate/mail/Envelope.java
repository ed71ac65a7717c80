package org.mxgate.mail;

import java.util.List;

/**
 * The envelope of one received message.
 *
 * @param sender the reverse-path, {@code null} for the null sender {@code <>}
 * @param dsn what the client asked to be told about the message (RFC 3461)
 */
public record Envelope(String sessionId, String clientAddress, String heloName, EmailAddress sender,
        List<EmailAddress> recipients, Dsn.Request dsn) {

    public Envelope {
        recipients = List.copyOf(recipients);
    }

    /** The reverse-path as stored: empty for the null sender. */
    public String senderText() {
        return sender == null ? "" : sender.toString();
    }
}
