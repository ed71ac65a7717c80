package org.mxgate.smtp.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;

/**
 * Reads the text of DATA from the raw client stream, one byte at a time so that pipelined
 * commands after the end stay unread.
 *
 * <p>Only {@code CR LF . CR LF} ends the message: a bare LF or a lone CR never does (the SMTP
 * smuggling class, CVE-2023-51764). Bare CR and bare LF are normalised to CRLF, so what is
 * stored and later forwarded has no ambiguous line ends. Leading dots are unstuffed. Memory is
 * bounded by the size limit: past it the reader keeps consuming to the end but stores nothing.
 */
public final class MessageReader {

    /** What was read: the message (CRLF line ends) or the reason it is refused. */
    public record Result(byte[] content, SmtpReply refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    private static final int LINE_START = 0;
    private static final int DOT = 1;
    private static final int DOT_CR = 2;
    private static final int TEXT = 3;
    private static final int CR = 4;

    private final int maxSize;
    private final long deadlineNanos;

    private byte[] buf = new byte[8192];
    private int len;
    private boolean tooBig;
    private boolean lineTooLong;
    private boolean nul;
    private int lineLength;

    public MessageReader(int maxSize, long deadlineNanos) {
        this.maxSize = maxSize;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Reads up to and including the terminating {@code CR LF . CR LF}.
     *
     * @throws SocketTimeoutException when the deadline passes
     * @throws EOFException when the client closes the connection first
     */
    public Result read(InputStream in) throws IOException {
        int state = LINE_START;
        long counted = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in DATA");
            }
            if ((++counted & 0xFFF) == 0 && System.nanoTime() - deadlineNanos > 0) {
                throw new SocketTimeoutException("DATA took too long");
            }
            switch (state) {
                case LINE_START -> {
                    if (b == '.') {
                        state = DOT;
                    } else {
                        state = text(b);
                    }
                }
                case DOT -> state = b == '\r' ? DOT_CR : text(b);
                case DOT_CR -> {
                    if (b == '\n') {
                        return result();
                    }
                    newline();
                    state = text(b);
                }
                case CR -> {
                    if (b == '\n') {
                        newline();
                        state = LINE_START;
                    } else {
                        newline();
                        state = text(b);
                    }
                }
                default -> state = text(b);
            }
        }
    }

    /** Handles one byte in the middle of a line and returns the next state. */
    private int text(int b) {
        if (b == '\r') {
            return CR;
        }
        if (b == '\n') {
            newline();
            return TEXT;
        }
        if (b == 0) {
            nul = true;
        }
        if (++lineLength > SmtpLimits.MAX_TEXT_LINE) {
            lineTooLong = true;
        }
        put(b);
        return TEXT;
    }

    private void newline() {
        put('\r');
        put('\n');
        lineLength = 0;
    }

    private void put(int b) {
        if (tooBig) {
            return;
        }
        if (len == maxSize) {
            tooBig = true;
            return;
        }
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxSize));
        }
        buf[len++] = (byte) b;
    }

    private Result result() {
        if (tooBig) {
            return new Result(null, SmtpReplies.TOO_BIG);
        }
        if (nul) {
            return new Result(null, SmtpReplies.NUL_IN_DATA);
        }
        if (lineTooLong) {
            return new Result(null, SmtpReplies.LINE_TOO_LONG);
        }
        if (len > 0 && (len < 2 || buf[len - 2] != '\r' || buf[len - 1] != '\n')) {
            put('\r');
            put('\n');
        }
        byte[] content = Arrays.copyOf(buf, len);
        if (countReceivedHeaders(content) > SmtpLimits.MAX_RECEIVED_HEADERS) {
            return new Result(null, SmtpReplies.LOOP);
        }
        return new Result(content, null);
    }

    /**
     * Counts {@code Received:} fields in the header section (up to the first empty line), in the
     * reader's own scan. Not with Jakarta Mail's InternetHeaders on this path, for every message:
     * each one looks its stream provider up through ServiceLoader (jakarta.mail 2.1 caches none).
     * Checks that read headers get them parsed by Jakarta Mail when they ask ({@code ReceivedMessage}).
     */
    static int countReceivedHeaders(byte[] content) {
        int count = 0;
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            int lineLen = end - start - (end > start && content[end - 1] == '\r' ? 1 : 0);
            if (lineLen == 0) {
                break;
            }
            if (lineLen >= 9 && new String(content, start, 9, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .equalsIgnoreCase("Received:")) {
                count++;
            }
            start = end + 1;
        }
        return count;
    }
}
