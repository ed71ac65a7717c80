package org.mxgate.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mxgate.config.GatewaySettings;
import org.mxgate.dns.DnsJavaMxResolver;
import org.mxgate.dns.HostSpec;
import org.mxgate.gateway.DeliveryMode;
import org.mxgate.dns.MxHost;
import org.mxgate.dns.MxLookup;
import org.mxgate.dns.MxResolver;

/**
 * Decides where mail goes (RFC 5321 §5.1). For a domain: its MX hosts in order, dropping every
 * host at mxgate's own preference and above (mxgate is recognised by its host name or by one
 * of its public addresses), so that a backup MX never delivers to itself or to a worse backup.
 */
public final class RoutePlanner {

    private final MxResolver dns;
    private final Set<String> selfNames;
    private final Set<InetAddress> selfAddresses;

    public RoutePlanner(MxResolver dns, Set<String> selfNames, Set<InetAddress> selfAddresses) {
        this.dns = dns;
        this.selfNames = selfNames.stream().map(RoutePlanner::normal).collect(java.util.stream.Collectors.toSet());
        this.selfAddresses = Set.copyOf(selfAddresses);
    }

    /** The planner of this server: its resolver, host name and public addresses. */
    public static RoutePlanner of(GatewaySettings settings) {
        return new RoutePlanner(new DnsJavaMxResolver(settings.dnsServers(), java.time.Duration.ofSeconds(5)),
                Set.of(settings.hostname()), settings.publicAddresses());
    }

    /**
     * Where a gateway's mail goes: its forward hosts (at {@code forwardPort}, else
     * {@code defaultPort}) in FORWARD mode, else the MX hosts of {@code routeDomain} that rank
     * above mxgate (MX hosts listen on the SMTP port; a forward port belongs to FORWARD only).
     */
    public Route of(DeliveryMode mode, String gatewayDomain, String routeDomain, String forwardHost,
            Integer forwardPort, int defaultPort) {
        if (mode != DeliveryMode.FORWARD) {
            return viaMx(routeDomain, defaultPort);
        }
        int port = forwardPort != null ? forwardPort : defaultPort;
        return HostSpec.parseList(forwardHost).map(hosts -> forward(hosts, port))
                .orElse(new Route.Defer("4.3.5 gateway " + gatewayDomain + " has no valid forward host"));
    }

    /** The live backup route to a domain's MX hosts that rank above mxgate. */
    public Route viaMx(String domain, int port) {
        MxLookup lookup = dns.mx(domain);
        if (lookup instanceof MxLookup.NullMx) {
            return new Route.Fail("5.1.10 domain " + domain + " accepts no mail (null MX)");
        }
        if (lookup instanceof MxLookup.TryAgain t) {
            return new Route.Defer("4.4.3 " + t.reason());
        }
        if (lookup instanceof MxLookup.NoSuchDomain) {
            return new Route.Defer("4.4.4 domain " + domain + " not found in DNS");
        }
        return relays(domain, ((MxLookup.Hosts) lookup).hosts(), port);
    }

    /** The route to configured forward hosts, tried in the order given. */
    public Route forward(List<HostSpec> specs, int defaultPort) {
        List<Route.Relay> all = new ArrayList<>();
        Route last = null;
        for (HostSpec spec : specs) {
            int port = spec.port() != null ? spec.port() : defaultPort;
            Route route;
            if (spec.exact()) {
                route = relays(spec.host(), List.of(new MxHost(spec.host(), 0)), port);
                if (route instanceof Route.Fail f && f.reason().startsWith("5.4.4")) {
                    route = new Route.Defer("4.4.4 host " + spec.host() + " not found");
                }
            } else {
                route = viaMx(spec.host(), port);
                if (route instanceof Route.Defer d && d.reason().startsWith("4.4.4")) {
                    route = new Route.Defer("4.4.4 host " + spec.host() + " not found");
                }
            }
            if (route instanceof Route.Relays r) {
                all.addAll(r.relays());
            } else {
                last = route;
            }
        }
        return !all.isEmpty() ? new Route.Relays(all) : last;
    }

    private Route relays(String domain, List<MxHost> hosts, int port) {
        Map<MxHost, List<InetAddress>> resolved = new LinkedHashMap<>();
        Integer selfPreference = null;
        String lookupFailure = null;
        for (MxHost mx : hosts) {
            if (selfPreference != null && mx.preference() >= selfPreference) {
                break;
            }
            if (selfNames.contains(normal(mx.host()))) {
                selfPreference = mx.preference();
                continue;
            }
            List<InetAddress> addresses;
            try {
                addresses = dns.addresses(mx.host());
            } catch (UnknownHostException e) {
                lookupFailure = e.getMessage();
                continue;
            }
            if (addresses.stream().anyMatch(selfAddresses::contains)) {
                selfPreference = mx.preference();
                continue;
            }
            if (!addresses.isEmpty()) {
                resolved.put(mx, addresses);
            }
        }
        List<Route.Relay> relays = new ArrayList<>();
        for (Map.Entry<MxHost, List<InetAddress>> e : resolved.entrySet()) {
            if (selfPreference == null || e.getKey().preference() < selfPreference) {
                relays.add(new Route.Relay(e.getKey().host(), e.getValue(), port));
            }
        }
        if (!relays.isEmpty()) {
            return new Route.Relays(relays);
        }
        if (lookupFailure != null) {
            return new Route.Defer("4.4.3 " + lookupFailure);
        }
        if (selfPreference != null) {
            return new Route.Fail("5.4.6 mail for " + domain + " loops back to myself");
        }
        return new Route.Fail("5.4.4 no address for any MX host of " + domain);
    }

    private static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
