package org.mxgate.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link MxResolver} through dnsjava, asking the configured DNS servers (or the system's when
 * none are configured), without a cache of its own.
 */
public final class DnsJavaMxResolver implements MxResolver {

    private final Resolver resolver;

    /** @param servers {@code host:port} list, comma or space separated; empty for the system resolvers */
    public DnsJavaMxResolver(String servers, Duration timeout) {
        this.resolver = servers == null || servers.isBlank() ? null : build(servers, timeout);
    }

    @Override
    public MxLookup mx(String domain) {
        Lookup lookup = lookup(domain, Type.MX);
        if (lookup == null) {
            return new MxLookup.NoSuchDomain();
        }
        org.xbill.DNS.Record[] records = lookup.run();
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<MxHost> hosts = new ArrayList<>();
                for (org.xbill.DNS.Record r : records) {
                    if (r instanceof MXRecord mx) {
                        String target = mx.getTarget().toString(true).toLowerCase(Locale.ROOT);
                        if (mx.getPriority() == 0 && (target.isEmpty() || target.equals("."))) {
                            if (records.length == 1) {
                                return new MxLookup.NullMx();
                            }
                            continue;
                        }
                        hosts.add(new MxHost(target, mx.getPriority()));
                    }
                }
                return new MxLookup.Hosts(ordered(hosts), false);
            }
            case Lookup.TYPE_NOT_FOUND -> {
                try {
                    return addresses(domain).isEmpty() ? new MxLookup.NoSuchDomain()
                            : new MxLookup.Hosts(List.of(new MxHost(domain.toLowerCase(Locale.ROOT), 0)), true);
                } catch (UnknownHostException e) {
                    return new MxLookup.TryAgain(e.getMessage());
                }
            }
            case Lookup.HOST_NOT_FOUND -> {
                return new MxLookup.NoSuchDomain();
            }
            default -> {
                return new MxLookup.TryAgain("MX lookup of " + domain + " failed: " + lookup.getErrorString());
            }
        }
    }

    /** Sorts by preference and shuffles the hosts of equal preference (RFC 5321 §5.1). */
    static List<MxHost> ordered(List<MxHost> hosts) {
        List<MxHost> shuffled = new ArrayList<>(hosts);
        Collections.shuffle(shuffled);
        shuffled.sort(Comparator.comparingInt(MxHost::preference));
        return List.copyOf(shuffled);
    }

    private Lookup lookup(String name, int type) {
        try {
            Lookup lookup = new Lookup(name.endsWith(".") ? name : name + ".", type);
            if (resolver != null) {
                lookup.setResolver(resolver);
            }
            lookup.setCache(null);
            return lookup;
        } catch (TextParseException e) {
            return null;
        }
    }

    @Override
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        if (isIpLiteral(host)) {
            return List.of(InetAddress.getByName(host));
        }
        List<InetAddress> found = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup lookup = lookup(host, type);
            if (lookup == null) {
                return List.of();
            }
            org.xbill.DNS.Record[] records = lookup.run();
            if (lookup.getResult() == Lookup.TRY_AGAIN || lookup.getResult() == Lookup.UNRECOVERABLE) {
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

    public static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (host.contains(":") && host.matches("[0-9A-Fa-f:.]+"));
    }

    static Resolver build(String servers, Duration timeout) {
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
