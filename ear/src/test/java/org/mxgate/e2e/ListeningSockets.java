package org.mxgate.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP and UDP sockets a process listens on, read from {@code /proc} as {@code ss -ltnup}
 * does: {@code "tcp 127.0.0.1:2525"}, {@code "udp *:5353"}; IPv4-mapped IPv6 addresses shown as
 * IPv4, wildcard addresses as {@code *}.
 */
final class ListeningSockets {

    private static final String TCP_LISTEN = "0A";

    private ListeningSockets() {
    }

    static Set<String> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<String> listening = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                boolean tcp = table.startsWith("tcp");
                if (inodes.contains(f[9]) && (!tcp || f[3].equals(TCP_LISTEN))) {
                    listening.add((tcp ? "tcp " : "udp ") + address(f[1]));
                }
            }
        }
        return listening;
    }

    /** {@code 0100007F:09C5} (IPv4, little-endian words) or its 32-digit IPv6 form, as {@code 127.0.0.1:2501}. */
    private static String address(String hex) throws UnknownHostException {
        String[] parts = hex.split(":");
        byte[] raw = new byte[parts[0].length() / 2];
        for (int word = 0; word < raw.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                raw[word * 4 + b] = (byte) Integer.parseInt(parts[0].substring(at, at + 2), 16);
            }
        }
        InetAddress address = InetAddress.getByAddress(raw);
        String host = address.isAnyLocalAddress() ? "*" : address.getHostAddress();
        return host + ":" + Integer.parseInt(parts[1], 16);
    }
}
