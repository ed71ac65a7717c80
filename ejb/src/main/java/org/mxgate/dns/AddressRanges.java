package org.mxgate.dns;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A list of IPv4 and IPv6 networks in CIDR notation ({@code 10.0.0.0/8, fc00::/7}). */
public final class AddressRanges {

    /**
     * The special-purpose ranges of RFC 6890 (and its updates) that no public MX host lives in:
     * "this network", private, shared (CGNAT), loopback, link-local, IETF protocol assignments,
     * documentation, 6to4 relay, benchmarking, multicast, reserved and broadcast; for IPv6
     * unspecified, loopback, IPv4-translated, discard-only, TEREDO and ORCHID
     * (2001::/23), documentation, 6to4, unique-local, link-local and multicast. IPv4-mapped
     * IPv6 addresses are not listed: Java reads them as the IPv4 address they carry.
     */
    public static final String SPECIAL_PURPOSE = "0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16,"
            + " 172.16.0.0/12, 192.0.0.0/24, 192.0.2.0/24, 192.88.99.0/24, 192.168.0.0/16, 198.18.0.0/15,"
            + " 198.51.100.0/24, 203.0.113.0/24, 224.0.0.0/4, 240.0.0.0/4, ::/128, ::1/128,"
            + " 64:ff9b::/96, 100::/64, 2001::/23, 2001:db8::/32, 2002::/16, fc00::/7, fe80::/10, ff00::/8";

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(address.length * 8).subtract(BigInteger.ONE)
                    .shiftRight(prefix).not();
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private final List<Range> ranges;
    private final String text;

    private AddressRanges(List<Range> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /**
     * Parses a comma- or space-separated list; empty when any entry is not {@code address/prefix}
     * with a literal IP address (no name is ever looked up).
     */
    public static Optional<AddressRanges> parse(String list) {
        List<Range> ranges = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String entry : list.split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            if (slash < 0 || !entry.substring(0, slash).matches("[0-9a-fA-F:.]+")) {
                return Optional.empty();
            }
            try {
                byte[] network = InetAddress.getByName(entry.substring(0, slash)).getAddress();
                int prefix = Integer.parseInt(entry.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    return Optional.empty();
                }
                ranges.add(new Range(network, prefix));
                entries.add(entry);
            } catch (UnknownHostException | NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new AddressRanges(List.copyOf(ranges), String.join(", ", entries)));
    }

    /**
     * Whether {@code client}, an IP address literal as a session reports it, lies in these
     * ranges; false for anything that is not one (never a DNS lookup).
     */
    public boolean containsClient(String client) {
        if (client == null || !DnsJavaMxResolver.isIpLiteral(client)) {
            return false;
        }
        try {
            return contains(InetAddress.getByName(client));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    @Override
    public String toString() {
        return text;
    }
}
