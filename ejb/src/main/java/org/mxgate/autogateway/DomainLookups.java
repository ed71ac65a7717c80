package org.mxgate.autogateway;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.mxgate.config.GatewaySettings;
import org.mxgate.dns.AddressRanges;
import org.mxgate.dns.DnsJavaMxResolver;
import org.mxgate.limit.ExpiringMap;
import org.mxgate.limit.RateLimit;

/**
 * The DNS lookups automatic creation makes for domains without a gateway, cached and limited so
 * that RCPTs to ever new random domains cost little: an answer is kept for {@link #KEPT} (that a
 * domain does not name mxgate as well: the negative answer is what a flood brings), a DNS
 * failure for {@link #FAILURE_KEPT}, all forgotten when the settings change; and one client
 * address may cause at most
 * {@link #LOOKUPS_PER_MINUTE} lookups a minute, past which its new domains are deferred.
 */
@ApplicationScoped
public class DomainLookups {

    static final Duration KEPT = Duration.ofMinutes(10);
    static final Duration FAILURE_KEPT = Duration.ofSeconds(30);
    static final int LOOKUPS_PER_MINUTE = 30;
    static final int MAX_KEPT = 10_000;

    @Inject
    GatewaySettings settings;

    @Inject
    Clock clock;

    private MxListing listing;
    private RateLimit perClient;
    private ExpiringMap<String, MxListing.Verdict> kept;

    DomainLookups() {
    }

    /** Lookups through {@code listing}, limited with {@code clock}, kept by {@code nanoTime}. */
    DomainLookups(MxListing listing, Clock clock, LongSupplier nanoTime) {
        this.listing = listing;
        this.perClient = new RateLimit(LOOKUPS_PER_MINUTE, Duration.ofMinutes(1).dividedBy(LOOKUPS_PER_MINUTE), clock);
        this.kept = new ExpiringMap<>(MAX_KEPT, nanoTime);
    }

    @PostConstruct
    void start() {
        listing = new MxListing(new DnsJavaMxResolver(settings.dnsServers(), Duration.ofSeconds(5)),
                Set.of(settings.hostname()), settings.publicAddresses());
        perClient = new RateLimit(LOOKUPS_PER_MINUTE, Duration.ofMinutes(1).dividedBy(LOOKUPS_PER_MINUTE), clock);
        kept = new ExpiringMap<>(MAX_KEPT, System::nanoTime);
    }

    /** Whether a kept answer says that the domain does not name mxgate. */
    public boolean knownNotListed(String domain) {
        return kept.get(domain).filter(v -> v instanceof MxListing.Verdict.NotListed).isPresent();
    }

    /** Forgets every kept answer (the settings that decide them changed). */
    public void forget() {
        kept.clear();
    }

    /**
     * Whether the DNS of {@code domain} names mxgate as a backup MX host: a kept answer, or one
     * asked now; empty when {@code client} has caused too many lookups lately.
     */
    public Optional<MxListing.Verdict> check(String domain, AddressRanges reserved, String client) {
        Optional<MxListing.Verdict> known = kept.get(domain);
        if (known.isPresent()) {
            return known;
        }
        if (perClient.take(client).isPresent()) {
            return Optional.empty();
        }
        MxListing.Verdict verdict = listing.check(domain, reserved);
        kept.put(domain, verdict, verdict instanceof MxListing.Verdict.TryAgain ? FAILURE_KEPT : KEPT);
        return Optional.of(verdict);
    }

    /** What the hourly re-check asks: always the DNS, never kept. */
    MxListing.Verdict recheck(String domain, AddressRanges reserved) {
        MxListing.Verdict verdict = listing.check(domain, reserved);
        kept.remove(domain);
        return verdict;
    }
}
