package org.mxgate.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The bytes of a message: a head held in memory, followed by the bytes of a file when the message
 * is too large to hold (a spooled message). Small messages are all head. Reading a large one
 * streams it; nothing here copies a file into memory unless {@link #toArray()} is asked for.
 */
public final class MessageBytes {

    private static final byte[] NONE = new byte[0];

    private final byte[] head;
    private final Path tail;
    private final long size;

    private MessageBytes(byte[] head, Path tail, long size) {
        this.head = head;
        this.tail = tail;
        this.size = size;
    }

    /** A message held in memory. */
    public static MessageBytes of(byte[] bytes) {
        return new MessageBytes(bytes, null, bytes.length);
    }

    /** {@code head} followed by the bytes of {@code tail}, {@code tailSize} of them. */
    public static MessageBytes of(byte[] head, Path tail, long tailSize) {
        return new MessageBytes(head, tail, head.length + tailSize);
    }

    /** A message whose bytes are all in {@code file}. */
    public static MessageBytes inFile(Path file) {
        try {
            return new MessageBytes(NONE, file, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** These bytes with {@code prefix} before them (a header field added, say). */
    public MessageBytes withPrefix(byte[] prefix) {
        byte[] joined = Arrays.copyOf(prefix, prefix.length + head.length);
        System.arraycopy(head, 0, joined, prefix.length, head.length);
        return new MessageBytes(joined, tail, size + prefix.length);
    }

    /**
     * These bytes without the header fields {@code unwanted} picks (it is given each field whole,
     * continuation lines included, without its last CRLF). Only a header section held in memory
     * (all of it before the first spooled byte) is looked at; anything else is returned as it is.
     */
    public MessageBytes withoutHeaderFields(java.util.function.Predicate<String> unwanted) {
        int end = headerEnd();
        if (end < 0) {
            return this;
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream(head.length);
        boolean removed = false;
        int start = 0;
        while (start < end) {
            int next = start;
            do {
                next = lineEnd(next);
            } while (next < end && (head[next] == ' ' || head[next] == '\t'));
            String field = new String(head, start, next - start - 2, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (unwanted.test(field)) {
                removed = true;
            } else {
                kept.write(head, start, next - start);
            }
            start = next;
        }
        if (!removed) {
            return this;
        }
        kept.write(head, end, head.length - end);
        byte[] bytes = kept.toByteArray();
        return new MessageBytes(bytes, tail, size - head.length + bytes.length);
    }

    /** Where the blank line that ends the header section starts in {@code head}, or -1. */
    private int headerEnd() {
        if (head.length >= 2 && head[0] == '\r' && head[1] == '\n') {
            return 0;
        }
        for (int i = 0; i + 3 < head.length; i++) {
            if (head[i] == '\r' && head[i + 1] == '\n' && head[i + 2] == '\r' && head[i + 3] == '\n') {
                return i + 2;
            }
        }
        return -1;
    }

    /** The index after the CRLF that ends the line starting at {@code from}. */
    private int lineEnd(int from) {
        int i = from;
        while (i + 1 < head.length && !(head[i] == '\r' && head[i + 1] == '\n')) {
            i++;
        }
        return i + 2;
    }

    public long size() {
        return size;
    }

    /** Whether all of it is in memory. */
    public boolean inMemory() {
        return tail == null;
    }

    /** The bytes held in memory: all of them for a message in memory. */
    public byte[] head() {
        return head;
    }

    /** The file the rest is in, or null. */
    public Path tail() {
        return tail;
    }

    /** The bytes from the start, streamed. */
    public InputStream open() throws IOException {
        if (tail == null) {
            return new ByteArrayInputStream(head);
        }
        return new SequenceInputStream(new ByteArrayInputStream(head),
                new BufferedInputStream(Files.newInputStream(tail), 65536));
    }

    /** All the bytes in one array: for a spooled message, a copy of the whole file. */
    public byte[] toArray() {
        if (tail == null) {
            return head;
        }
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tail, e);
        }
    }

    /**
     * The header section, up to and including the blank line that ends it (or the first {@code
     * max} bytes of a message without one).
     */
    public byte[] headerSection(int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
        try (InputStream in = open()) {
            int b;
            int last = 0; // the last four bytes, to find CRLF CRLF
            while (out.size() < max && (b = in.read()) >= 0) {
                out.write(b);
                last = (last << 8) | b;
                if (last == 0x0D0A0D0A || (out.size() == 2 && last == 0x0D0A)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tail, e);
        }
        return out.toByteArray();
    }

    /** Whether any octet is outside US-ASCII (RFC 6152 8-bit content). */
    public boolean isEightBit() {
        if (tail == null) {
            return Mime.isEightBit(head);
        }
        try (InputStream in = open()) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] < 0) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tail, e);
        }
    }

    /** Deletes the file of a spooled message, if there is one (what it was written for is over). */
    public void discard() {
        if (tail != null) {
            try {
                Files.deleteIfExists(tail);
            } catch (IOException e) {
                // left for the start-up sweep of the spool
            }
        }
    }
}
