package org.mxgate.scan;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where a scanner listens, as an operator writes it: {@code host:port} ({@code [v6]:port}) for
 * TCP, or the absolute path of a Unix socket.
 */
public record ScannerAddress(String host, int port, Path socket) {

    /** Reads {@code setting}; a malformed one is refused with what is wrong. */
    public static ScannerAddress parse(String setting) {
        String s = setting == null ? "" : setting.strip();
        if (s.startsWith("/")) {
            return new ScannerAddress(null, 0, Path.of(s));
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("a scanner is host:port or the path of a Unix socket, not '" + setting + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port of scanner '" + setting + "' is 1 to 65535");
        }
        return new ScannerAddress(host, port, null);
    }

    StandardProtocolFamily family() {
        return socket != null ? StandardProtocolFamily.UNIX
                : host.contains(":") ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    SocketAddress socketAddress() {
        return socket != null ? UnixDomainSocketAddress.of(socket) : new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return socket != null ? socket.toString() : host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
