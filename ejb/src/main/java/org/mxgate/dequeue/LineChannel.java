package org.mxgate.dequeue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A collection session's connection (POP3, ODMR): CRLF lines in and out, and the switch to TLS on
 * the same connection (STLS, STARTTLS), after which plaintext passwords are taken.
 */
final class LineChannel {

    private final StartTls tls;
    private final boolean plaintextWithoutTls;
    private InputStream in;
    private OutputStream out;
    private boolean secure;

    /**
     * @param plaintextWithoutTls whether plaintext passwords are taken before TLS (loopback, or configured)
     * @param tls the upgrade, or null where mxgate has no certificate (TLS is not offered)
     */
    LineChannel(InputStream in, OutputStream out, boolean plaintextWithoutTls, StartTls tls) {
        this.in = in;
        this.out = new BufferedOutputStream(out, 65536);
        this.plaintextWithoutTls = plaintextWithoutTls;
        this.tls = tls;
    }

    /** The next line without its CRLF, or null at the end (or for an over-long line). */
    String read() throws IOException {
        return Lines.read(in);
    }

    /** Sends one or more lines, at once. */
    void send(String text) throws IOException {
        Lines.send(out, text);
    }

    /** The connection's streams now, for what is not line by line (a message, the ATRN turn). */
    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    /** Whether TLS may be started now: mxgate has a certificate and TLS is not on yet. */
    boolean tlsOffered() {
        return tls != null && !secure;
    }

    /** Whether TLS is possible here at all (mxgate has a certificate). */
    boolean tlsAvailable() {
        return tls != null;
    }

    boolean isSecure() {
        return secure;
    }

    /** Whether a plaintext password may be taken now. */
    boolean plaintextAllowed() {
        return plaintextWithoutTls || secure;
    }

    /** The handshake as the server (the client has been told to go ahead); the streams are TLS after it. */
    void startTls() throws IOException {
        StartTls.Streams streams = tls.start();
        in = streams.in();
        out = new BufferedOutputStream(streams.out(), 65536);
        secure = true;
    }

    void flush() throws IOException {
        out.flush();
    }
}
