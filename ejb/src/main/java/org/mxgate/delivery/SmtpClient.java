package org.mxgate.delivery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mxgate.mail.MessageBytes;

/**
 * A plain SMTP client for one connection to a next hop: greeting, EHLO (HELO when refused),
 * transactions and QUIT. The message is sent as stored (CRLF line ends), only dot-stuffed.
 */
public final class SmtpClient implements Closeable {

    private static final int MAX_REPLY_LINES = 100;
    private static final int MAX_LINE = 4096;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String tlsProtocol;
    private final Set<String> extensions = new HashSet<>();

    private SmtpClient(Socket socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.in = in;
        this.out = new BufferedOutputStream(out, 65536);
    }

    /** Connects and reads the greeting; a greeting that is not 2xx is thrown as {@link SmtpException}. */
    public static SmtpClient connect(InetSocketAddress address, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            return greeted(new SmtpClient(socket, new BufferedInputStream(socket.getInputStream()),
                    socket.getOutputStream()));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The client side of a connection that a server has just turned around (ATRN, RFC 2645): the
     * other side now sends the greeting. {@code in} is the stream already read from, with
     * whatever it has buffered.
     */
    public static SmtpClient turnedAround(Socket socket, InputStream in, OutputStream out) throws IOException {
        return greeted(new SmtpClient(socket, in, out));
    }

    private static SmtpClient greeted(SmtpClient client) throws IOException {
        SmtpResponse greeting = client.read();
        if (greeting.code() != 220) {
            client.quietQuit();
            throw new SmtpException("greeting", greeting);
        }
        return client;
    }

    /** EHLO, falling back to HELO when the server refuses EHLO. */
    public void hello(String name) throws IOException {
        SmtpResponse ehlo = command("EHLO " + name);
        if (ehlo.code() == 250) {
            for (String line : ehlo.lines().subList(1, ehlo.lines().size())) {
                extensions.add(line.split(" ", 2)[0].toUpperCase(Locale.ROOT));
            }
            return;
        }
        SmtpResponse helo = command("HELO " + name);
        if (helo.code() != 250) {
            throw new SmtpException("HELO", helo);
        }
    }

    public boolean supports(String extension) {
        return extensions.contains(extension);
    }

    /**
     * STARTTLS (RFC 3207) as the client, the handshake with {@code context}, then EHLO again (the
     * extensions may differ under TLS). A refusal is thrown as {@link SmtpException}; a failed
     * handshake as an {@link IOException}, after which the connection is of no further use.
     */
    public void startTls(javax.net.ssl.SSLContext context, String heloName) throws IOException {
        SmtpResponse go = command("STARTTLS");
        if (go.code() != 220) {
            throw new SmtpException("STARTTLS", go);
        }
        javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(true);
        org.mxgate.config.ServerTls.restrictProtocols(tls);
        tls.startHandshake();
        socket = tls;
        in = new BufferedInputStream(tls.getInputStream());
        out = new BufferedOutputStream(tls.getOutputStream(), 65536);
        tlsProtocol = tls.getSession().getProtocol() + " " + tls.getSession().getCipherSuite();
        extensions.clear();
        hello(heloName);
    }

    /** The TLS protocol and cipher in use, or null on a plaintext connection. */
    public String tlsProtocol() {
        return tlsProtocol;
    }

    /**
     * MAIL FROM, with SIZE when the server takes it, BODY=8BITMIME for 8-bit content (the caller
     * sends such content only to a server that offers it) and the DSN parameters that are not null.
     */
    public SmtpResponse mail(String sender, long size, boolean eightBit, String ret, String envid) throws IOException {
        return command("MAIL FROM:<" + sender + ">" + (supports("SIZE") ? " SIZE=" + size : "")
                + (eightBit ? " BODY=8BITMIME" : "")
                + (ret != null ? " RET=" + ret : "") + (envid != null ? " ENVID=" + envid : ""));
    }

    /** RCPT TO, with the DSN parameters that are not null. */
    public SmtpResponse rcpt(String recipient, String notifyOn, String orcpt) throws IOException {
        return command("RCPT TO:<" + recipient + ">" + (notifyOn != null ? " NOTIFY=" + notifyOn : "")
                + (orcpt != null ? " ORCPT=" + orcpt : ""));
    }

    /**
     * DATA, the message streamed and dot-stuffed (CRLF added at the end if missing) and the final
     * dot; returns the reply to the message.
     */
    public SmtpResponse data(MessageBytes message) throws IOException {
        SmtpResponse go = command("DATA");
        if (go.code() != 354) {
            return go;
        }
        boolean lineStart = true;
        try (InputStream in = message.open()) {
            byte[] buf = new byte[(int) Math.min(65536, Math.max(1, message.size()))];
            for (int n; (n = in.read(buf)) > 0;) {
                // written in runs: a dot that starts a line ends a run and gets a second dot before it
                int from = 0;
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (lineStart && b == '.') {
                        out.write(buf, from, i - from);
                        out.write('.');
                        from = i;
                    }
                    lineStart = b == '\n';
                }
                out.write(buf, from, n - from);
            }
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read();
    }

    public SmtpResponse rset() throws IOException {
        return command("RSET");
    }

    /** Sends QUIT and closes, ignoring what goes wrong. */
    public void quietQuit() {
        try {
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            read();
        } catch (IOException | RuntimeException e) {
            // the connection is closed below either way
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    private SmtpResponse command(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
        out.flush();
        return read();
    }

    private SmtpResponse read() throws IOException {
        List<String> lines = new ArrayList<>();
        int code;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)
                    || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new IOException("malformed reply: " + printable(line));
            }
            code = Integer.parseInt(line.substring(0, 3));
            lines.add(line.length() > 4 ? printable(line.substring(4)) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpResponse(code, lines);
            }
            if (lines.size() > MAX_REPLY_LINES) {
                throw new IOException("reply too long");
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed by next hop");
            }
            if (c == '\n') {
                int n = b.length();
                if (n > 0 && b.charAt(n - 1) == '\r') {
                    b.setLength(n - 1);
                }
                return b.toString();
            }
            if (b.length() > MAX_LINE) {
                throw new IOException("reply line too long");
            }
            b.append((char) c);
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
