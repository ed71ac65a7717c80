package org.mxgate.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds the addresses of a next-hop host through the configured DNS servers (or the system's
 * when none are configured). IP literals are taken as they are.
 */
public final class AddressResolver {

    private final Resolver resolver;

    /** @param servers {@code host:port} list, comma or space separated; empty for the system resolvers */
    public AddressResolver(String servers, Duration timeout) {
        this.resolver = servers == null || servers.isBlank() ? null : build(servers, timeout);
    }

    /** The host's addresses, IPv4 first; an empty list when the name does not exist. */
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        if (isIpLiteral(host)) {
            return List.of(InetAddress.getByName(host));
        }
        List<InetAddress> found = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup lookup;
            try {
                lookup = new Lookup(host.endsWith(".") ? host : host + ".", type);
            } catch (TextParseException e) {
                throw new UnknownHostException("bad host name " + host);
            }
            if (resolver != null) {
                lookup.setResolver(resolver);
            }
            lookup.setCache(null);
            org.xbill.DNS.Record[] records = lookup.run();
            if (lookup.getResult() == Lookup.TRY_AGAIN) {
                throw new UnknownHostException("DNS lookup of " + host + " failed: " + lookup.getErrorString());
            }
            if (records != null) {
                for (org.xbill.DNS.Record r : records) {
                    if (r instanceof ARecord a) {
                        found.add(a.getAddress());
                    } else if (r instanceof AAAARecord aaaa) {
                        found.add(aaaa.getAddress());
                    }
                }
            }
        }
        return found;
    }

    static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (host.contains(":") && host.matches("[0-9A-Fa-f:.]+"));
    }

    private static Resolver build(String servers, Duration timeout) {
        List<Resolver> resolvers = new ArrayList<>();
        for (String s : servers.split("[,\\s]+")) {
            if (s.isBlank()) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            String host = colon > 0 && s.indexOf(':') == colon ? s.substring(0, colon) : s;
            int port = colon > 0 && s.indexOf(':') == colon ? Integer.parseInt(s.substring(colon + 1)) : 53;
            try {
                SimpleResolver r = new SimpleResolver(host);
                r.setPort(port);
                r.setTimeout(timeout);
                resolvers.add(r);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("mxgate.dns.servers: bad server " + s, e);
            }
        }
        ExtendedResolver extended = new ExtendedResolver(resolvers);
        extended.setTimeout(timeout);
        extended.setRetries(1);
        return extended;
    }
}
