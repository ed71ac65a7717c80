package org.mxgate.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;
import org.mxgate.queue.StorageSpace;

/**
 * While the data directory's file system is short of space, RCPT is answered {@code 452 4.3.1}
 * (RFC 1870 §6.1, RFC 3463: mail system full): the sender keeps the message and retries, and
 * mail is taken again as soon as space is back, without a restart. MAIL asks the same
 * {@link StorageSpace} itself, with the SIZE it was given (the MAIL command is not a check stage:
 * that would cost every message a call through the check pipeline).
 */
@ApplicationScoped
public class StorageCheck implements MailCheck {

    @Inject
    StorageSpace space;

    @Override
    public int order() {
        return 5;
    }

    @Override
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        return space.isLow() ? Verdict.defer(SmtpReplies.INSUFFICIENT_STORAGE) : Verdict.next();
    }
}
