package org.mxgate.policy;

import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Envelope;
import org.mxgate.mail.ReceivedMessage;
import org.mxgate.mail.Verdict;

/**
 * One check of the mail at the SMTP stages, before anything is accepted. Each stage's default has
 * no opinion ({@link Verdict#next()}); a check overrides the stages it looks at. Adding a check
 * is one class: an {@code @ApplicationScoped} bean implementing this interface, which
 * {@link CheckPipeline} finds and runs in the order of {@link #order()}.
 */
public interface MailCheck {

    /** Where this check runs among the others, lowest first. */
    int order();

    /** A client connected from {@code client} (its IP address). */
    default Verdict connect(String client) {
        return Verdict.next();
    }

    /** HELO or EHLO {@code heloName}. */
    default Verdict helo(String client, String heloName) {
        return Verdict.next();
    }

    /** MAIL FROM; {@code sender} is null for the null sender. */
    default Verdict mail(String client, String heloName, EmailAddress sender) {
        return Verdict.next();
    }

    /** RCPT TO {@code recipient}; {@code sender} is null for the null sender. */
    default Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        return Verdict.next();
    }

    /**
     * RCPT TO from a session that logged in by AUTH as {@code authenticated} (null when it did
     * not); unless a check needs the login, the same as the RCPT above.
     */
    default Verdict recipient(String client, EmailAddress sender, EmailAddress recipient, String authenticated) {
        return recipient(client, sender, recipient);
    }

    /** The end of DATA: the whole envelope and the message as received. */
    default Verdict data(Envelope envelope, ReceivedMessage message) {
        return Verdict.next();
    }
}
