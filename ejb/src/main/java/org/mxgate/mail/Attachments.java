package org.mxgate.mail;

import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a message as a filter sees them: each leaf part's file name and MIME type, with
 * nested multiparts and attached messages ({@code message/rfc822}) opened. File names are decoded
 * (RFC 2231 parameters, RFC 2047 words), as a mail client would show them. The message is read
 * once as a stream, line by line, keeping only the part headers: a large message costs no more
 * memory than a small one.
 */
public final class Attachments {

    /** Deeper nesting than this is not opened (a message built to exhaust the parser). */
    static final int MAX_DEPTH = 20;
    static final int MAX_PARTS = 1000;
    /** The most of one part's header section that is read; the rest is skipped. */
    private static final int MAX_HEADER = 64 * 1024;
    /** Of a body line only this much is kept: enough to compare it with a boundary (at most 70 characters). */
    private static final int MAX_LINE = 1000;

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
     * The leaf parts of {@code message} (the body of a single-part message is one) and each
     * attached message; a structure that breaks off ends the walk with the parts found so far.
     */
    public static List<Attachment> of(InputStream message) throws IOException {
        InputStream in = new BufferedInputStream(message, 16 * 1024);
        List<Attachment> found = new ArrayList<>();
        List<String> boundaries = new ArrayList<>();
        boolean atHeader = true;
        while (found.size() < MAX_PARTS) {
            if (atHeader) {
                String[] fields = headerFields(in);
                if (fields == null) {
                    break;
                }
                ContentType type = contentType(fields[0]);
                String base = type.getBaseType().toLowerCase(Locale.ROOT);
                String boundary = type.getParameter("boundary");
                if (base.startsWith("multipart/") && boundary != null && boundaries.size() < MAX_DEPTH) {
                    boundaries.add(boundary);
                    atHeader = false;
                    continue;
                }
                found.add(new Attachment(fileName(fields[1], type), base));
                // an attached message's own header follows at once
                atHeader = base.equals("message/rfc822") && boundaries.size() < MAX_DEPTH;
                continue;
            }
            String line = line(in, MAX_LINE);
            if (line == null) {
                break;
            }
            if (!line.startsWith("--") || boundaries.isEmpty()) {
                continue;
            }
            String delimiter = line.substring(2).stripTrailing();
            for (int i = boundaries.size() - 1; i >= 0; i--) {
                String b = boundaries.get(i);
                if (delimiter.equals(b + "--")) {
                    // this multipart ends (and any left open inside it)
                    boundaries.subList(i, boundaries.size()).clear();
                    break;
                }
                if (delimiter.equals(b)) {
                    boundaries.subList(i + 1, boundaries.size()).clear();
                    atHeader = true;
                    break;
                }
            }
        }
        return found;
    }

    /**
     * The Content-Type and Content-Disposition values of the header section that starts here
     * (null when absent), read up to its empty line; null at the end of the stream.
     */
    private static String[] headerFields(InputStream in) throws IOException {
        StringBuilder[] fields = new StringBuilder[2];
        int current = -1;
        int read = 0;
        boolean any = false;
        String line;
        while ((line = line(in, MAX_HEADER)) != null) {
            any = true;
            if (line.isEmpty()) {
                break;
            }
            read += line.length();
            if (read > MAX_HEADER) {
                current = -1;
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (current >= 0) {
                    fields[current].append(line);
                }
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            current = name.equals("content-type") ? 0 : name.equals("content-disposition") ? 1 : -1;
            if (current >= 0 && fields[current] != null) {
                current = -1; // the first of a repeated field counts
            } else if (current >= 0) {
                fields[current] = new StringBuilder(line.substring(colon + 1));
            }
        }
        if (!any) {
            return null;
        }
        return new String[] {fields[0] == null ? null : fields[0].toString().strip(),
            fields[1] == null ? null : fields[1].toString().strip()};
    }

    /** The part's type; text/plain without a Content-Type (RFC 2045 §5.2), application/octet-stream if unreadable. */
    private static ContentType contentType(String value) {
        try {
            return new ContentType(value == null ? "text/plain" : value);
        } catch (ParseException e) {
            try {
                return new ContentType("application/octet-stream");
            } catch (ParseException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** The disposition's filename, else the type's name; RFC 2231 and RFC 2047 decoded. */
    private static String fileName(String disposition, ContentType type) {
        String name = null;
        if (disposition != null) {
            try {
                name = new ContentDisposition(disposition).getParameter("filename");
            } catch (ParseException e) {
                name = null;
            }
        }
        if (name == null) {
            name = type.getParameter("name");
        }
        if (name != null && name.contains("=?")) {
            try {
                name = MimeUtility.decodeText(name);
            } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
                // kept as written
            }
        }
        return name;
    }

    /**
     * The next line without its line end (CRLF or LF), at most {@code max} characters of it kept
     * (octets as ISO-8859-1); null at the end of the stream.
     */
    private static String line(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (line.size() < max) {
                line.write(b);
            }
        }
        if (!any) {
            return null;
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
