package org.mxgate.delivery;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import org.mxgate.mail.Mime;

/**
 * Converts a message with 8-bit content to 7-bit MIME for a next hop that does not offer
 * 8BITMIME, the first of the two ways RFC 6152 §3 leaves to a relay (the other is to bounce).
 * Each leaf part whose content has octets outside US-ASCII is re-encoded, text as
 * quoted-printable and anything else as base64; a {@code message/rfc822} part is converted
 * within, as RFC 2045 allows it no encoding of its own. Decoded, every part is the same octets
 * as before. Parts already 7-bit are written as they came. Header fields are left as they
 * are: RFC 6152 defines no conversion for them.
 */
final class SevenBitConversion {

    private SevenBitConversion() {
    }

    static byte[] convert(byte[] message) {
        try {
            MimeMessage parsed = Mime.parse(message);
            if (!convert(parsed)) {
                return message;
            }
            return Mime.bytes(parsed);
        } catch (MessagingException | IOException e) {
            // not parseable as MIME: sent as it is, as a relay that cannot convert would
            return message;
        }
    }

    /** Converts the part in place; true if anything in it changed. */
    private static boolean convert(MimePart part) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                return false;
            }
            boolean changed = false;
            for (int i = 0; i < multipart.getCount(); i++) {
                changed |= convert((MimeBodyPart) multipart.getBodyPart(i));
            }
            if (changed) {
                part.setContent(multipart);
                part.setHeader("Content-Transfer-Encoding", "7bit");
            }
            return changed;
        }
        byte[] raw = raw(part);
        if (!Mime.isEightBit(raw)) {
            return false;
        }
        String type = part.getContentType();
        byte[] decoded;
        try (InputStream in = part.getInputStream()) {
            decoded = in.readAllBytes();
        }
        String encoding;
        if (part.isMimeType("message/rfc822")) {
            decoded = convert(decoded);
            encoding = "7bit";
        } else {
            encoding = part.isMimeType("text/*") ? "quoted-printable" : "base64";
        }
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(decoded, type)));
        part.setHeader("Content-Type", type);
        part.setHeader("Content-Transfer-Encoding", encoding);
        return true;
    }

    private static byte[] raw(MimePart part) throws MessagingException, IOException {
        InputStream in = part instanceof MimeMessage m ? m.getRawInputStream()
                : ((MimeBodyPart) part).getRawInputStream();
        try (in) {
            return in.readAllBytes();
        }
    }
}
