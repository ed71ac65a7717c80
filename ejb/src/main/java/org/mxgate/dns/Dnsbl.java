package org.mxgate.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.mxgate.limit.ExpiringMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks DNS block lists whether a client address is listed (RFC 5782: an A record for the
 * address's reversed form under the zone, in 127.0.0.0/8). Answers are kept for their TTL (a
 * "not listed" for {@link #NOT_LISTED_FOR}); a lookup that fails is no listing and is not kept,
 * so a DNS failure never blocks anybody.
 */
public final class Dnsbl {

    /** How long "not listed" is kept (the zone's negative TTL is not asked for). */
    static final Duration NOT_LISTED_FOR = Duration.ofMinutes(5);
    /** Answers kept at most, so a flood of addresses cannot fill the memory. */
    static final int MAX_KEPT = 100_000;

    /** What a zone said of an address: {@code answer} is the A record found (null when not listed). */
    public record Listing(boolean listed, boolean failed, String answer) {
        static final Listing NOT_LISTED = new Listing(false, false, null);
        static final Listing FAILED = new Listing(false, true, null);
    }

    private final Resolver resolver;
    private final ExpiringMap<String, Listing> kept;

    /** @param servers {@code host:port} list, as for the MX resolver; empty for the system resolvers */
    public Dnsbl(String servers, Duration timeout) {
        this(servers == null || servers.isBlank() ? null : DnsJavaMxResolver.build(servers, timeout), System::nanoTime);
    }

    Dnsbl(Resolver resolver, LongSupplier nanoTime) {
        this.resolver = resolver;
        this.kept = new ExpiringMap<>(MAX_KEPT, nanoTime);
    }

    /** Whether {@code client} is listed in {@code zone}. */
    public Listing lookup(InetAddress client, String zone) {
        String name = query(client, zone);
        Optional<Listing> known = kept.get(name);
        if (known.isPresent()) {
            return known.get();
        }
        Lookup lookup;
        try {
            lookup = new Lookup(name, Type.A);
        } catch (TextParseException e) {
            return Listing.FAILED;
        }
        if (resolver != null) {
            lookup.setResolver(resolver);
        }
        lookup.setCache(null);
        org.xbill.DNS.Record[] records = lookup.run();
        Listing listing;
        long ttl;
        if (lookup.getResult() == Lookup.SUCCESSFUL && records != null && records.length > 0
                && records[0] instanceof ARecord a && a.getAddress().getAddress()[0] == 127) {
            listing = new Listing(true, false, a.getAddress().getHostAddress());
            ttl = Math.max(1, Math.min(a.getTTL(), Duration.ofDays(1).toSeconds()));
        } else if (lookup.getResult() == Lookup.HOST_NOT_FOUND || lookup.getResult() == Lookup.TYPE_NOT_FOUND
                || lookup.getResult() == Lookup.SUCCESSFUL) {
            listing = Listing.NOT_LISTED;
            ttl = NOT_LISTED_FOR.toSeconds();
        } else {
            return Listing.FAILED;
        }
        kept.put(name, listing, Duration.ofSeconds(ttl));
        return listing;
    }

    /** The name asked: the address's octets (IPv4) or nibbles (IPv6) in reverse, then the zone. */
    static String query(InetAddress client, String zone) {
        byte[] b = client.getAddress();
        StringBuilder name = new StringBuilder();
        if (client instanceof Inet4Address) {
            for (int i = b.length - 1; i >= 0; i--) {
                name.append(b[i] & 0xff).append('.');
            }
        } else {
            for (int i = b.length - 1; i >= 0; i--) {
                name.append(Character.forDigit(b[i] & 0xf, 16)).append('.')
                        .append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append('.');
            }
        }
        return name.append(zone).append('.').toString();
    }
}
