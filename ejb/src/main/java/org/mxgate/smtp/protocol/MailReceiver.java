package org.mxgate.smtp.protocol;

import java.util.Optional;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Envelope;
import org.mxgate.mail.MessageBytes;
import org.mxgate.mail.ReceivedMessage;
import org.mxgate.mail.SmtpReply;
import org.mxgate.mail.Verdict;

/**
 * What the SMTP dialogue needs from the rest of mxgate: a verdict at each stage (the checks), and
 * durable storage of a complete message. {@code SmtpListener} wires it to the check pipeline and
 * the queue. A verdict is never null: {@link Verdict#accept()} takes the mail.
 */
public interface MailReceiver {

    /** A client connected from {@code client}. */
    default Verdict connect(String client) {
        return Verdict.accept();
    }

    /** HELO or EHLO {@code heloName}. */
    default Verdict helo(String client, String heloName) {
        return Verdict.accept();
    }

    /**
     * Who may send as {@code sender} (null for {@code <>}): {@code authenticated} is the identity
     * the client logged in as by AUTH, or null. Asked at MAIL before the checks.
     */
    default Verdict sender(String client, EmailAddress sender, String authenticated) {
        return Verdict.accept();
    }

    /** AUTH: the identity {@code user} logs in as with {@code password}, or empty when it may not. */
    default Optional<String> authenticate(String user, String password, String client) {
        return Optional.empty();
    }

    /** MAIL FROM {@code sender} (null for {@code <>}). */
    default Verdict mail(String client, String heloName, EmailAddress sender) {
        return Verdict.accept();
    }

    /** Storage set aside for one message under way; closed when its transaction ends. */
    interface Room extends AutoCloseable {
        /** A room without limit. */
        Room UNLIMITED = new Room() {
            @Override
            public boolean cover(long bytes) {
                return true;
            }

            @Override
            public void close() {
            }
        };

        /** Whether {@code bytes} in all may be written for the message (the room grows if it can). */
        boolean cover(long bytes);

        @Override
        void close();
    }

    /**
     * Storage for a message of {@code size} bytes (MAIL's SIZE; 0 without one), set aside now,
     * or none when it cannot be stored (RFC 1870 §6.1): asked at every MAIL, so it must be cheap.
     */
    default Optional<Room> reserve(long size) {
        return Optional.of(Room.UNLIMITED);
    }

    /**
     * RCPT TO {@code recipient}.
     *
     * @param sender the transaction's reverse-path, {@code null} for {@code <>}
     * @param client the client's IP address
     */
    Verdict recipient(String client, EmailAddress sender, EmailAddress recipient);

    /** RCPT TO from a session logged in by AUTH as {@code authenticated} (or null); by default as above. */
    default Verdict recipient(String client, EmailAddress sender, EmailAddress recipient, String authenticated) {
        return recipient(client, sender, recipient);
    }

    /** The end of DATA, before the message is stored; an accept may add header fields. */
    default Verdict data(Envelope envelope, ReceivedMessage message) {
        return Verdict.accept();
    }

    /**
     * Stores a complete message, committed when this returns.
     *
     * @param id the queue id to use (for the first gateway, when the recipients span several)
     * @param content the trace header and the message, with CRLF line ends (a large message's
     *     bytes in a file that is deleted after this returns: the queue keeps its own copy)
     * @param verdict what the checks said of it: the header fields they added (kept with the
     *     message, for the record) and, if the content filter holds it, why
     * @return whether anything was queued (not when every recipient was a confirmation reply)
     * @throws Exception when the message could not be stored; the client is then told to retry
     */
    boolean store(String id, Envelope envelope, MessageBytes content, Verdict verdict) throws Exception;

    /**
     * The reply to {@code ETRN argument} (RFC 1985) from {@code client}, logged in by AUTH as
     * {@code authenticated} (or null), having started what it asks.
     */
    SmtpReply etrn(String argument, String client, String authenticated);

    /**
     * {@code client} has just had its first message of a session stored: a domain server that
     * sends mail is up, and may get its held mail (RFC 5321 §4.5.4.1). Must not block.
     */
    default void sentMail(String client) {
    }

    /** A command was refused by one of the listener's own limits (not by a check). Must not block. */
    default void limited() {
    }

    /** A message was answered {@code 250} to DATA {@code took} after its last line came in. Must not block. */
    default void replied(java.time.Duration took) {
    }
}
