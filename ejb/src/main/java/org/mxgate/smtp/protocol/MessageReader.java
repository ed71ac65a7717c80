package org.mxgate.smtp.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.mail.MessageBytes;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;

/**
 * Reads the text of DATA from the raw client stream, one byte at a time so that pipelined
 * commands after the end stay unread.
 *
 * <p>Only {@code CR LF . CR LF} ends the message: a bare LF or a lone CR never does (the SMTP
 * smuggling class, CVE-2023-51764). Bare CR and bare LF are normalised to CRLF, so what is
 * stored and later forwarded has no ambiguous line ends. Leading dots are unstuffed. Past the size
 * limit the reader keeps consuming to the end but stores nothing.
 *
 * <p>Memory is bounded: a message is held in memory up to {@value #IN_MEMORY} bytes; beyond that
 * (where a spool directory is given) it goes to a file of its own there, through a buffer of the
 * same size, so a session never holds more than that however large its message.
 */
public final class MessageReader {

    private static final Logger LOG = Logger.getLogger(MessageReader.class.getName());

    /** What was read: the message (CRLF line ends) or the reason it is refused. */
    public record Result(MessageBytes content, SmtpReply refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    /** The most a session holds in memory; larger messages go to a file. */
    static final int IN_MEMORY = 256 * 1024;
    private static final byte[] RECEIVED = "received:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final int LINE_START = 0;
    private static final int DOT = 1;
    private static final int DOT_CR = 2;
    private static final int TEXT = 3;
    private static final int CR = 4;

    private final int maxSize;
    private final long deadlineNanos;
    private final Path spoolDir;

    private byte[] buf = new byte[8192];
    private int len;
    private long total;
    private int last;
    private Path file;
    private OutputStream fileOut;
    private boolean tooBig;
    private boolean lineTooLong;
    private boolean nul;
    private boolean writeFailed;
    private final java.util.function.LongPredicate room;
    /** Bytes written to the spool file so far. */
    private long spooled;
    private int lineLength;
    private boolean inHeaders = true;
    private boolean receivedLine = true;
    private int receivedFields;

    /** A reader that holds the whole message in memory. */
    public MessageReader(int maxSize, long deadlineNanos) {
        this(maxSize, deadlineNanos, null);
    }

    /** @param spoolDir where a message larger than {@value #IN_MEMORY} bytes goes (null: memory) */
    public MessageReader(int maxSize, long deadlineNanos, Path spoolDir) {
        this(maxSize, deadlineNanos, spoolDir, bytes -> true);
    }

    /**
     * @param spoolDir where a message larger than {@value #IN_MEMORY} bytes goes (null: memory)
     * @param room asked before each write to the spool whether that many bytes in all may be
     *        written (the storage set aside for the message); when not, the message is read to
     *        its end and refused with {@code 452 4.3.1}
     */
    public MessageReader(int maxSize, long deadlineNanos, Path spoolDir, java.util.function.LongPredicate room) {
        this.maxSize = maxSize;
        this.deadlineNanos = deadlineNanos;
        this.spoolDir = spoolDir;
        this.room = room;
    }

    /**
     * Reads up to and including the terminating {@code CR LF . CR LF}.
     *
     * @throws SocketTimeoutException when the deadline passes
     * @throws EOFException when the client closes the connection first
     */
    public Result read(InputStream in) throws IOException {
        boolean done = false;
        try {
            Result r = readAll(in);
            done = r.accepted();
            return r;
        } finally {
            if (!done) {
                discardFile();
            }
        }
    }

    private Result readAll(InputStream in) throws IOException {
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
        if (inHeaders && lineLength < RECEIVED.length && receivedLine) {
            receivedLine = Character.toLowerCase(b) == RECEIVED[lineLength];
        }
        if (++lineLength > SmtpLimits.MAX_TEXT_LINE) {
            lineTooLong = true;
        }
        put(b);
        return TEXT;
    }

    private void newline() {
        if (inHeaders) {
            // the header section ends at the first empty line; Received: fields are counted in it
            if (lineLength == 0) {
                inHeaders = false;
            } else if (receivedLine && lineLength >= RECEIVED.length) {
                receivedFields++;
            }
            receivedLine = true;
        }
        put('\r');
        put('\n');
        lineLength = 0;
    }

    private void put(int b) {
        if (tooBig || writeFailed) {
            return;
        }
        if (total == maxSize) {
            tooBig = true;
            return;
        }
        if (len == buf.length) {
            if (!makeRoom()) {
                return;
            }
        }
        buf[len++] = (byte) b;
        total++;
        last = (last << 8) | (b & 0xFF);
    }

    /** Grows the buffer while the message is small, else writes it out to the file; false on a failed write. */
    private boolean makeRoom() {
        if (spoolDir == null || (fileOut == null && len < IN_MEMORY)) {
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, Math.max(maxSize, 1)));
            return true;
        }
        if (!roomForBuffer()) {
            writeFailed = true;
            return false;
        }
        try {
            if (fileOut == null) {
                file = Files.createTempFile(spoolDir, "in-", ".eml");
                fileOut = Files.newOutputStream(file);
            }
            fileOut.write(buf, 0, len);
            spooled += len;
            len = 0;
            return true;
        } catch (IOException e) {
            writeFailed = true;
            LOG.log(Level.WARNING, "cannot spool a message to " + spoolDir + ": " + e);
            return false;
        }
    }

    /** Whether the storage set aside for the message covers the buffer's bytes written after what is spooled. */
    private boolean roomForBuffer() {
        if (room.test(spooled + len)) {
            return true;
        }
        LOG.log(Level.WARNING, "no room left to spool a message to " + spoolDir + " (" + spooled + " bytes so far)");
        return false;
    }

    private void discardFile() {
        try {
            if (fileOut != null) {
                fileOut.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot delete " + file + ": " + e);
        }
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
        if (total > 0 && (total < 2 || (last & 0xFFFF) != 0x0D0A)) {
            put('\r');
            put('\n');
        }
        if (writeFailed) {
            return new Result(null, SmtpReplies.INSUFFICIENT_STORAGE);
        }
        if (receivedFields > SmtpLimits.MAX_RECEIVED_HEADERS) {
            return new Result(null, SmtpReplies.LOOP);
        }
        if (fileOut == null) {
            return new Result(MessageBytes.of(Arrays.copyOf(buf, len)), null);
        }
        if (!roomForBuffer()) {
            return new Result(null, SmtpReplies.INSUFFICIENT_STORAGE);
        }
        try {
            fileOut.write(buf, 0, len);
            fileOut.close();
            fileOut = null;
            return new Result(MessageBytes.inFile(file), null);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot spool a message to " + spoolDir + ": " + e);
            return new Result(null, SmtpReplies.INSUFFICIENT_STORAGE);
        }
    }
}
