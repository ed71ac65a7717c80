package org.mxgate.dequeue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Turns a session's plain connection into a TLS one (POP3 STLS, ODMR STARTTLS). */
public interface StartTls {

    /** The connection's streams once TLS is on. */
    record Streams(InputStream in, OutputStream out) {
    }

    /** Runs the handshake as the server; a failed handshake is thrown and ends the session. */
    Streams start() throws IOException;
}
