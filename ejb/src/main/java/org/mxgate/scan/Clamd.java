package org.mxgate.scan;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * clamd, asked by {@code INSTREAM} (its documented protocol): the message is sent in chunks,
 * each after its length as four octets in network order, ended by a zero length; clamd answers
 * {@code stream: OK}, {@code stream: <signature> FOUND} or {@code ... ERROR}. A message larger
 * than clamd's {@code StreamMaxLength} (given here as {@code maxStream}) is not sent at all:
 * clamd would stop reading it and answer an error. At most {@code connections} scans run at once;
 * a scan that cannot start within its timeout fails as busy.
 */
public final class Clamd {

    static final String NAME = "clamd";
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_REPLY = 4096;

    private final ScannerCall call;
    private final long maxStream;

    public Clamd(ScannerAddress address, Duration timeout, long maxStream, int connections) {
        this.call = new ScannerCall(NAME, address, timeout, connections);
        this.maxStream = maxStream;
    }

    public ScannerAddress address() {
        return call.address();
    }

    /** How it has been doing since the start. */
    public ScannerHealth.State health() {
        return call.health().state();
    }

    /** Scans the {@code size} octets of {@code message}. Never throws: a failure is a result. */
    public ScanResult scan(InputStream message, long size) {
        if (size > maxStream) {
            return ScanResult.skipped(NAME, "message of " + size + " octets is over clamd's stream limit of " + maxStream);
        }
        return call.run(c -> interpret(exchange(c, message)));
    }

    private static String exchange(ScannerConnection c, InputStream message) throws IOException {
        DataOutputStream out = new DataOutputStream(c.out());
        out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[CHUNK];
        int n;
        while ((n = message.readNBytes(chunk, 0, CHUNK)) > 0) {
            out.writeInt(n);
            out.write(chunk, 0, n);
        }
        out.writeInt(0);
        out.flush();
        return readReply(c.in());
    }

    /** The reply up to its terminating NUL (or the end of the stream). */
    static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0) {
            if (reply.size() == MAX_REPLY) {
                throw new IOException("reply longer than " + MAX_REPLY + " octets");
            }
            reply.write(b);
        }
        if (reply.size() == 0) {
            throw new IOException("closed the connection without an answer");
        }
        return reply.toString(StandardCharsets.UTF_8).strip();
    }

    /** What a reply to INSTREAM means. */
    static ScanResult interpret(String reply) {
        String r = reply.startsWith("stream:") ? reply.substring("stream:".length()).strip() : reply;
        if (r.equals("OK")) {
            return ScanResult.clean(NAME);
        }
        if (r.endsWith(" FOUND") && r.length() > " FOUND".length()) {
            String signature = r.substring(0, r.length() - " FOUND".length()).strip();
            if (signature.matches("[\\x21-\\x7e]{1,200}")) {
                return ScanResult.found(NAME, signature);
            }
        }
        return ScanResult.failed(NAME, "clamd answered: " + printable(reply));
    }

    static String printable(String s) {
        String cut = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
