package org.mxgate.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A DNS with fixed answers, for unit tests of the rules that read MX records. */
public final class StaticMxResolver implements MxResolver {
    public final Map<String, MxLookup> mx = new HashMap<>();
    public final Map<String, List<InetAddress>> hosts = new HashMap<>();
    public final Set<String> failing = new java.util.HashSet<>();

    public StaticMxResolver mx(String domain, MxHost... records) {
        mx.put(domain, new MxLookup.Hosts(List.of(records), false));
        return this;
    }

    public StaticMxResolver host(String name, String... addresses) throws UnknownHostException {
        List<InetAddress> list = new java.util.ArrayList<>();
        for (String a : addresses) {
            list.add(InetAddress.getByName(a));
        }
        hosts.put(name, list);
        return this;
    }

    @Override
    public MxLookup mx(String domain) {
        return mx.getOrDefault(domain, new MxLookup.NoSuchDomain());
    }

    @Override
    public List<InetAddress> addresses(String host) throws UnknownHostException {
        if (failing.contains(host)) {
            throw new UnknownHostException("lookup of " + host + " timed out");
        }
        return hosts.getOrDefault(host, List.of());
    }
}
