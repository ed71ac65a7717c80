package org.mxgate.dequeue;

import java.util.Locale;
import java.util.Optional;
import org.mxgate.mail.MailboxParser;

/**
 * The argument of ETRN (RFC 1985 §3): {@code domain}, {@code @domain} (the domain and its
 * subdomains) or {@code #queue} (a named queue: mxgate names each gateway's queue by its domain).
 */
public record EtrnRequest(String node, boolean subdomains) {

    public static Optional<EtrnRequest> parse(String argument) {
        String a = argument.strip();
        boolean sub = a.startsWith("@");
        String node = a.startsWith("@") || a.startsWith("#") ? a.substring(1) : a;
        node = node.toLowerCase(Locale.ROOT);
        if (node.isEmpty() || a.contains(" ") || !MailboxParser.isDomain(node)) {
            return Optional.empty();
        }
        return Optional.of(new EtrnRequest(node, sub));
    }

    /** Whether the gateway for {@code domain} is one this request asks for. */
    public boolean covers(String domain) {
        return domain.equals(node) || subdomains && domain.endsWith("." + node);
    }
}
