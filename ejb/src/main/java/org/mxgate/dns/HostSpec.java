package org.mxgate.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mxgate.mail.MailboxParser;

/**
 * One forward host as an administrator writes it: {@code host}, {@code host:port},
 * {@code [host]} or {@code [host]:port}. A plain name is looked up as a domain (its MX hosts,
 * else its address), a bracketed name or an IP address is used as it is (as in Postfix).
 *
 * @param port {@code null} for the configured delivery port
 */
public record HostSpec(String host, Integer port, boolean exact) {

    /** Parses a comma-separated list; empty when any entry is not a host name or address. */
    public static Optional<List<HostSpec>> parseList(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<HostSpec> specs = new ArrayList<>();
        for (String part : text.split(",")) {
            Optional<HostSpec> spec = parse(part.strip());
            if (spec.isEmpty()) {
                return Optional.empty();
            }
            specs.add(spec.get());
        }
        return Optional.of(List.copyOf(specs));
    }

    static Optional<HostSpec> parse(String s) {
        String host;
        String rest;
        boolean bracketed = s.startsWith("[");
        if (bracketed) {
            int close = s.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = s.substring(1, close);
            rest = s.substring(close + 1);
        } else {
            int colon = s.indexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            rest = colon < 0 ? "" : s.substring(colon);
        }
        Integer port = null;
        if (!rest.isEmpty()) {
            if (!rest.matches(":\\d{1,5}")) {
                return Optional.empty();
            }
            port = Integer.valueOf(rest.substring(1));
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
        }
        host = host.toLowerCase(Locale.ROOT);
        boolean ip = DnsJavaMxResolver.isIpLiteral(host);
        if (!ip && !MailboxParser.isDomain(host) || ip && host.contains(":") && !bracketed) {
            return Optional.empty();
        }
        return Optional.of(new HostSpec(host, port, bracketed || ip));
    }

    @Override
    public String toString() {
        String h = exact && !DnsJavaMxResolver.isIpLiteral(host) || host.contains(":") ? "[" + host + "]" : host;
        return port == null ? h : h + ":" + port;
    }
}
