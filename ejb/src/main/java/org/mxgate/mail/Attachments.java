package org.mxgate.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The parts of a message as a filter sees them: each leaf part's file name and MIME type, with
 * nested multiparts and attached messages ({@code message/rfc822}) opened. File names are decoded
 * (RFC 2231 parameters, RFC 2047 words), as a mail client would show them.
 */
public final class Attachments {

    /** Deeper nesting than this is not opened (a message built to exhaust the parser). */
    static final int MAX_DEPTH = 20;
    static final int MAX_PARTS = 1000;

    private static final Session SESSION;

    static {
        SESSION = Session.getInstance(new Properties());
    }

    /** One part: its decoded file name (null without one) and its MIME type in lower case ({@code type/subtype}). */
    public record Attachment(String fileName, String mimeType) {

        /** The file name's extension in lower case, trailing dots and spaces ignored as Windows does; "" without one. */
        public String extension() {
            if (fileName == null) {
                return "";
            }
            String name = fileName.strip().replaceAll("[.\\s]+$", "");
            int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            name = name.substring(slash + 1);
            int dot = name.lastIndexOf('.');
            return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        }
    }

    private Attachments() {
    }

    /**
     * The leaf parts of {@code message} (the body of a single-part message is one); what cannot be
     * parsed ends the walk with the parts found so far.
     */
    public static List<Attachment> of(InputStream message) throws IOException {
        List<Attachment> found = new ArrayList<>();
        try {
            walk(new MimeMessage(SESSION, message), 0, found);
        } catch (MessagingException | RuntimeException e) {
            // a malformed structure: the parts read so far are all there is to judge
        }
        return found;
    }

    private static void walk(Part part, int depth, List<Attachment> found) throws MessagingException, IOException {
        if (found.size() >= MAX_PARTS || depth > MAX_DEPTH) {
            return;
        }
        String type = baseType(part);
        if (type.startsWith("multipart/")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, depth + 1, found);
                }
                return;
            }
        }
        if (type.equals("message/rfc822")) {
            found.add(new Attachment(fileName(part), type));
            Object content = part.getContent();
            if (content instanceof Part inner) {
                walk(inner, depth + 1, found);
            }
            return;
        }
        found.add(new Attachment(fileName(part), type));
    }

    private static String baseType(Part part) throws MessagingException {
        String header = part.getContentType();
        if (header == null) {
            return "text/plain";
        }
        try {
            return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "application/octet-stream";
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            // Jakarta Mail decodes RFC 2047 words in names only by a system-wide property
            return name != null && name.contains("=?") ? MimeUtility.decodeText(name) : name;
        } catch (MessagingException | java.io.UnsupportedEncodingException | RuntimeException e) {
            return null;
        }
    }
}
