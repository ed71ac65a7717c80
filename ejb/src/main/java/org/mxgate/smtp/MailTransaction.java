package org.mxgate.smtp;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.mxgate.mail.EmailAddress;
import org.subethamail.smtp.MessageHandler;

/**
 * The state of one mail transaction, from MAIL to the end of DATA. SubEthaSMTP creates one per
 * transaction through its {@code MessageHandlerFactory}; mxgate's own commands drive it, so the
 * {@link MessageHandler} callbacks are not used.
 */
public final class MailTransaction implements MessageHandler {

    private EmailAddress sender;
    private final List<EmailAddress> recipients = new ArrayList<>();

    public void begin(EmailAddress sender) {
        this.sender = sender;
    }

    public EmailAddress sender() {
        return sender;
    }

    public List<EmailAddress> recipients() {
        return recipients;
    }

    public void addRecipient(EmailAddress recipient) {
        recipients.add(recipient);
    }

    public boolean hasRecipient(EmailAddress recipient) {
        return recipients.stream().anyMatch(r -> r.toString().equalsIgnoreCase(recipient.toString()));
    }

    @Override
    public void from(String from) {
        throw new IllegalStateException("MAIL is handled by mxgate's own command");
    }

    @Override
    public void recipient(String recipient) {
        throw new IllegalStateException("RCPT is handled by mxgate's own command");
    }

    @Override
    public String data(InputStream data) {
        throw new IllegalStateException("DATA is handled by mxgate's own command");
    }

    @Override
    public void done() {
        // nothing is held outside this object
    }
}
