package org.mxgate.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A message as the client sent it (CRLF line ends, before mxgate's trace header), for the checks
 * at the end of DATA: its header section parsed with Jakarta Mail when asked for, and its body as
 * a stream.
 */
public final class ReceivedMessage {

    private final byte[] content;
    private int bodyStart = -1;
    private InternetHeaders headers;

    /** Wraps the bytes; nothing is parsed until a check asks. */
    public ReceivedMessage(byte[] content) {
        this.content = content;
    }

    /** The header fields, parsed (RFC 5322; folded lines joined). */
    public synchronized InternetHeaders headers() {
        if (headers == null) {
            try {
                headers = new InternetHeaders(new ByteArrayInputStream(content, 0, bodyStart()));
            } catch (MessagingException e) {
                headers = new InternetHeaders();
            }
        }
        return headers;
    }

    /** The values of header field {@code name} (any case), in order; empty when it is absent. */
    public List<String> header(String name) {
        String[] values = headers().getHeader(name);
        return values == null ? List.of() : Arrays.asList(values);
    }

    /** The body, after the blank line that ends the header section. */
    public InputStream body() {
        int start = bodyStart();
        return new ByteArrayInputStream(content, start, content.length - start);
    }

    /** The whole message as received, in bytes. */
    public long size() {
        return content.length;
    }

    private synchronized int bodyStart() {
        if (bodyStart < 0) {
            bodyStart = bodyStart(content);
        }
        return bodyStart;
    }

    /** Where the body starts: after the first CRLF CRLF (or at the end when there is none). */
    private static int bodyStart(byte[] c) {
        if (c.length >= 2 && c[0] == '\r' && c[1] == '\n') {
            return 2; // no header fields at all
        }
        for (int i = 0; i + 3 < c.length; i++) {
            if (c[i] == '\r' && c[i + 1] == '\n' && c[i + 2] == '\r' && c[i + 3] == '\n') {
                return i + 4;
            }
        }
        return c.length;
    }
}
