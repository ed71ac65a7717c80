package org.mxgate.autogateway;

import org.mxgate.dns.AddressRanges;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.mxgate.dns.MxHost;
import org.mxgate.dns.MxLookup;
import org.mxgate.dns.MxResolver;

/**
 * Whether a domain's DNS makes mxgate one of its backup MX hosts, the condition for creating a
 * gateway for it automatically: mxgate (by name or address) is listed, ranks below the best MX
 * host (else it would be the primary, and its mail would loop), the domain has no null MX, and,
 * when asked, no MX host resolves into reserved address ranges.
 */
public final class MxListing {

    /** The answer for one domain. */
    public sealed interface Verdict {
        /** Create: mxgate is a backup MX; {@code records} describes the MX records found. */
        record Listed(String records) implements Verdict {
        }

        /** Do not create, for good (until the DNS changes). */
        record NotListed(String reason) implements Verdict {
        }

        /** The DNS could not be asked now: try again later, never refuse for good. */
        record TryAgain(String reason) implements Verdict {
        }
    }

    private final MxResolver dns;
    private final Set<String> selfNames;
    private final Set<InetAddress> selfAddresses;

    public MxListing(MxResolver dns, Set<String> selfNames, Set<InetAddress> selfAddresses) {
        this.dns = dns;
        this.selfNames = selfNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.selfAddresses = Set.copyOf(selfAddresses);
    }

    /**
     * @param reserved MX hosts resolving into these ranges make the domain ineligible; null to
     *        skip that rule
     */
    public Verdict check(String domain, AddressRanges reserved) {
        MxLookup lookup = dns.mx(domain);
        if (lookup instanceof MxLookup.TryAgain t) {
            return new Verdict.TryAgain(t.reason());
        }
        if (lookup instanceof MxLookup.NullMx) {
            return new Verdict.NotListed(domain + " publishes a null MX");
        }
        if (lookup instanceof MxLookup.NoSuchDomain) {
            return new Verdict.NotListed(domain + " does not exist in DNS");
        }
        MxLookup.Hosts hosts = (MxLookup.Hosts) lookup;
        if (hosts.implicit()) {
            return new Verdict.NotListed(domain + " has no MX records");
        }
        Integer selfPreference = null;
        int bestOther = Integer.MAX_VALUE;
        List<String> records = new ArrayList<>();
        for (MxHost mx : hosts.hosts()) {
            List<InetAddress> addresses;
            try {
                addresses = dns.addresses(mx.host());
            } catch (UnknownHostException e) {
                return new Verdict.TryAgain("address of MX host " + mx.host() + ": " + e.getMessage());
            }
            records.add(mx.preference() + " " + mx.host() + " " + addresses.stream()
                    .map(InetAddress::getHostAddress).toList());
            boolean self = selfNames.contains(mx.host().toLowerCase(Locale.ROOT))
                    || addresses.stream().anyMatch(selfAddresses::contains);
            if (self) {
                selfPreference = selfPreference == null ? mx.preference() : Math.min(selfPreference, mx.preference());
                continue;
            }
            bestOther = Math.min(bestOther, mx.preference());
            if (reserved != null) {
                for (InetAddress a : addresses) {
                    if (reserved.contains(a)) {
                        return new Verdict.NotListed("MX host " + mx.host() + " of " + domain
                                + " has the reserved address " + a.getHostAddress());
                    }
                }
            }
        }
        String found = String.join("; ", records);
        if (selfPreference == null) {
            return new Verdict.NotListed("mxgate is not an MX host of " + domain + " (" + found + ")");
        }
        if (selfPreference <= bestOther) {
            return new Verdict.NotListed("mxgate would be the best MX host of " + domain + " (" + found + ")");
        }
        return new Verdict.Listed(found);
    }
}
