package org.mxgate.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * Jakarta Mail for the messages mxgate reads and writes: header sections, messages parsed
 * from stored bytes (without copying them), and messages composed here, written with the
 * Message-ID chosen by their author rather than the one Jakarta Mail would invent.
 */
public final class Mime {

    /** A session for composing and parsing only; it never opens a connection. */
    private static final Session SESSION = Session.getInstance(new Properties());

    private Mime() {
    }

    /** The header section of a message: the fields up to the first empty line. */
    public static InternetHeaders headers(byte[] message) {
        return headers(message, message.length);
    }

    /** The header section within the first {@code length} octets of a message. */
    public static InternetHeaders headers(byte[] message, int length) {
        try {
            return new InternetHeaders(new ByteArrayInputStream(message, 0, length));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("unreadable header section", e);
        }
    }

    /**
     * A stored message as a MIME message; its parts refer to {@code message}, not to copies.
     * Written out again it keeps its own Message-ID (or its lack of one).
     */
    public static MimeMessage parse(byte[] message) {
        try {
            return new MimeMessage(SESSION, new SharedByteArrayInputStream(message)) {
                @Override
                protected void updateMessageID() {
                    // a message passing through keeps the identity its author gave it
                }
            };
        } catch (MessagingException e) {
            throw new IllegalArgumentException("unreadable message", e);
        }
    }

    /**
     * An empty list of fields that keeps them in the order they are added (the no-argument
     * {@code InternetHeaders} would sort well-known names such as {@code Status} into its own order).
     */
    public static InternetHeaders fields() {
        return headers(new byte[0]);
    }

    /** A new message to compose, whose Message-ID will be {@code <messageId>}. */
    public static MimeMessage compose(String messageId) {
        return new MimeMessage(SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
    }

    /** Dates in header fields and in texts (RFC 5322 §3.3). */
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A plain US-ASCII notice from mxgate's postmaster to {@code to}, marked auto-generated, with
     * a Message-ID of fresh randomness ({@code <kind.hex@hostname>}: nothing in it derives from
     * the text).
     */
    public static MimeMessage notice(String hostname, String kind, String to, String subject, String text,
            ZonedDateTime date) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        MimeMessage message = compose(kind + "." + HexFormat.of().formatHex(id) + "@" + hostname);
        try {
            message.setFrom(new InternetAddress("postmaster@" + hostname, "mxgate", "us-ascii"));
            message.setHeader("To", "<" + to + ">");
            message.setSubject(subject, "us-ascii");
            message.setHeader("Date", DATE.format(date));
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setText(text, "us-ascii");
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("notice could not be composed", e);
        }
    }

    /** A message as the bytes that are stored and sent, with CRLF line ends. */
    public static byte[] bytes(MimeMessage message) {
        try {
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("message could not be written", e);
        }
    }

    /** Whether any octet lies outside US-ASCII, so the message needs 8BITMIME (RFC 6152). */
    public static boolean isEightBit(byte[] message) {
        for (byte b : message) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }
}
