package org.mxgate.autogateway;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.mxgate.config.GatewaySettings;
import org.mxgate.dns.AddressRanges;
import org.mxgate.dns.DnsJavaMxResolver;
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

    private record Kept(MxListing.Verdict verdict, long until) {
    }

    @Inject
    GatewaySettings settings;

    @Inject
    Clock clock;

    private MxListing listing;
    private RateLimit perClient;
    private LongSupplier nanoTime;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    DomainLookups() {
    }

    /** Lookups through {@code listing}, limited with {@code clock}, kept by {@code nanoTime}. */
    DomainLookups(MxListing listing, Clock clock, LongSupplier nanoTime) {
        this.listing = listing;
        this.perClient = new RateLimit(LOOKUPS_PER_MINUTE, Duration.ofMinutes(1).dividedBy(LOOKUPS_PER_MINUTE), clock);
        this.nanoTime = nanoTime;
    }

    @PostConstruct
    void start() {
        listing = new MxListing(new DnsJavaMxResolver(settings.dnsServers(), Duration.ofSeconds(5)),
                Set.of(settings.hostname()), settings.publicAddresses());
        perClient = new RateLimit(LOOKUPS_PER_MINUTE, Duration.ofMinutes(1).dividedBy(LOOKUPS_PER_MINUTE), clock);
        nanoTime = System::nanoTime;
    }

    /** Whether a kept answer says that the domain does not name mxgate. */
    public boolean knownNotListed(String domain) {
        Kept k = kept.get(domain);
        return k != null && nanoTime.getAsLong() - k.until() < 0 && k.verdict() instanceof MxListing.Verdict.NotListed;
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
        long now = nanoTime.getAsLong();
        Kept k = kept.get(domain);
        if (k != null && now - k.until() < 0) {
            return Optional.of(k.verdict());
        }
        if (perClient.take(client).isPresent()) {
            return Optional.empty();
        }
        MxListing.Verdict verdict = listing.check(domain, reserved);
        if (kept.size() >= MAX_KEPT) {
            kept.values().removeIf(old -> now - old.until() >= 0);
            if (kept.size() >= MAX_KEPT) {
                kept.clear();
            }
        }
        Duration keep = verdict instanceof MxListing.Verdict.TryAgain ? FAILURE_KEPT : KEPT;
        kept.put(domain, new Kept(verdict, now + keep.toNanos()));
        return Optional.of(verdict);
    }

    /** What the hourly re-check asks: always the DNS, never kept. */
    MxListing.Verdict recheck(String domain, AddressRanges reserved) {
        MxListing.Verdict verdict = listing.check(domain, reserved);
        kept.remove(domain);
        return verdict;
    }
}
