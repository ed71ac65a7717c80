package org.mxgate.dequeue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The line handling the collection protocols share: CRLF lines, bounded, ASCII replies. */
final class Lines {

    static final int MAX_LINE = 512;

    private Lines() {
    }

    /** A line without its CRLF, or null at the end of the input or for a line over {@value #MAX_LINE} characters. */
    static String read(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            if (b.length() > MAX_LINE) {
                return null;
            }
            b.append((char) c);
        }
        return null;
    }

    /** Sends {@code text} (one or more lines) with a final CRLF, at once. */
    static void send(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** {@code s} fit for a log line or a reply: anything but visible ASCII becomes {@code ?}. */
    static String printable(String s) {
        return s.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
