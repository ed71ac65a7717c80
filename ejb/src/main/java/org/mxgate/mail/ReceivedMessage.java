package org.mxgate.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A message as the client sent it (CRLF line ends, before mxgate's trace header), for the checks
 * at the end of DATA: its header section parsed with Jakarta Mail when asked for, and its body as
 * a stream.
 */
public final class ReceivedMessage {

    /** The most of a header section that is parsed (RFC 5322 sets no limit; this is generous). */
    private static final int MAX_HEADER_SECTION = 1 << 20;

    private final MessageBytes content;
    private byte[] headerSection;
    private InternetHeaders headers;

    /** Wraps the bytes; nothing is parsed until a check asks. */
    public ReceivedMessage(MessageBytes content) {
        this.content = content;
    }

    public ReceivedMessage(byte[] content) {
        this(MessageBytes.of(content));
    }

    /** The header fields, parsed (RFC 5322; folded lines joined). */
    public synchronized InternetHeaders headers() {
        if (headers == null) {
            try {
                headers = new InternetHeaders(new ByteArrayInputStream(headerSection()));
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

    /** The body, after the blank line that ends the header section, streamed. */
    public InputStream body() throws IOException {
        InputStream in = content.open();
        in.skipNBytes(headerSection().length);
        return in;
    }

    /** The whole message as received, streamed (each call a stream of its own). */
    public InputStream open() throws IOException {
        return content.open();
    }

    /** The whole message as received, in bytes. */
    public long size() {
        return content.size();
    }

    private synchronized byte[] headerSection() {
        if (headerSection == null) {
            headerSection = content.headerSection(MAX_HEADER_SECTION);
        }
        return headerSection;
    }
}
