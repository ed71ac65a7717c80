package org.mxgate.smtp.protocol;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mxgate.mail.Dsn;
import org.mxgate.mail.EmailAddress;
import org.subethamail.smtp.MessageHandler;

/**
 * The state of one mail transaction, from MAIL to the end of DATA. SubEthaSMTP creates one per
 * transaction through its {@code MessageHandlerFactory}; mxgate's own commands drive it, so the
 * {@link MessageHandler} callbacks are not used.
 */
public final class MailTransaction implements MessageHandler {

    private EmailAddress sender;
    private String ret;
    private String envid;
    private final List<EmailAddress> recipients = new ArrayList<>();
    private final Map<String, Dsn.Recipient> recipientDsn = new HashMap<>();
    private MailReceiver.Room room = MailReceiver.Room.UNLIMITED;

    /**
     * Starts the transaction; {@code ret} and {@code envid} are the DSN parameters of MAIL, or
     * null; {@code room} is the storage set aside for its message, given back when it ends.
     */
    public void begin(EmailAddress sender, String ret, String envid, MailReceiver.Room room) {
        this.sender = sender;
        this.ret = ret;
        this.envid = envid;
        this.room = room;
    }

    /** The storage set aside for this transaction's message. */
    public MailReceiver.Room room() {
        return room;
    }

    public EmailAddress sender() {
        return sender;
    }

    public List<EmailAddress> recipients() {
        return recipients;
    }

    public void addRecipient(EmailAddress recipient, Dsn.Recipient dsn) {
        recipients.add(recipient);
        if (!dsn.equals(Dsn.Recipient.NONE)) {
            recipientDsn.put(recipient.toString(), dsn);
        }
    }

    /** What the client asked to be told about this message (RFC 3461). */
    public Dsn.Request dsn() {
        return new Dsn.Request(ret, envid, recipientDsn);
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
        room.close();
    }
}
