package org.mxgate.autogateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.mxgate.dns.MxHost;
import org.mxgate.dns.MxLookup;
import org.mxgate.dns.MxResolver;
import org.mxgate.dns.StaticMxResolver;

class DomainLookupsTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    private final StaticMxResolver dns = new StaticMxResolver();
    private final MxResolver counted = new MxResolver() {
        @Override
        public MxLookup mx(String domain) {
            asked.incrementAndGet();
            return dns.mx(domain);
        }

        @Override
        public List<InetAddress> addresses(String host) throws UnknownHostException {
            return dns.addresses(host);
        }
    };
    private final DomainLookups lookups = new DomainLookups(new MxListing(counted, Set.of("gw.test"), Set.of()),
            Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC), now::get);

    @Test
    void aDomainIsLookedUpOnceAndItsAnswerKept() throws Exception {
        dns.mx("backed.test", new MxHost("primary.backed.test", 10), new MxHost("gw.test", 20))
                .host("primary.backed.test", "192.0.2.1").host("gw.test", "192.0.2.2");
        assertThat(lookups.check("random1.test", null, "192.0.2.9")).hasValueSatisfying(
                v -> assertThat(v).isInstanceOf(MxListing.Verdict.NotListed.class));
        assertThat(lookups.knownNotListed("random1.test")).isTrue();
        assertThat(lookups.check("random1.test", null, "192.0.2.10")).isPresent();
        assertThat(asked).as("the second RCPT found the kept answer").hasValue(1);
        assertThat(lookups.check("backed.test", null, "192.0.2.9")).hasValueSatisfying(
                v -> assertThat(v).isInstanceOf(MxListing.Verdict.Listed.class));
        assertThat(lookups.knownNotListed("backed.test")).isFalse();

        now.set(DomainLookups.KEPT.plusSeconds(1).toNanos());
        assertThat(lookups.knownNotListed("random1.test")).as("stale").isFalse();
        lookups.check("random1.test", null, "192.0.2.9");
        assertThat(asked).hasValue(3);
        lookups.forget();
        assertThat(lookups.knownNotListed("random1.test")).isFalse();
    }

    @Test
    void oneClientCausesAtMostItsLookupsAMinuteWhileOthersGoOn() {
        for (int i = 0; i < DomainLookups.LOOKUPS_PER_MINUTE; i++) {
            assertThat(lookups.check("r" + i + ".test", null, "192.0.2.9")).isPresent();
        }
        assertThat(lookups.check("one-more.test", null, "192.0.2.9")).isEmpty();
        assertThat(lookups.check("r0.test", null, "192.0.2.9")).as("a kept answer costs no lookup").isPresent();
        assertThat(lookups.check("one-more.test", null, "192.0.2.77")).isPresent();
        assertThat(asked).hasValue(DomainLookups.LOOKUPS_PER_MINUTE + 1);
    }

    @Test
    void aDnsFailureIsKeptOnlyBriefly() throws Exception {
        dns.mx("slow.test", new MxHost("mx.slow.test", 10), new MxHost("gw.test", 20)).host("gw.test", "192.0.2.2");
        dns.failing.add("mx.slow.test");
        assertThat(lookups.check("slow.test", null, "192.0.2.9")).hasValueSatisfying(
                v -> assertThat(v).isInstanceOf(MxListing.Verdict.TryAgain.class));
        now.set(DomainLookups.FAILURE_KEPT.plus(Duration.ofSeconds(1)).toNanos());
        dns.failing.clear();
        dns.host("mx.slow.test", "192.0.2.1");
        assertThat(lookups.check("slow.test", null, "192.0.2.9")).hasValueSatisfying(
                v -> assertThat(v).isInstanceOf(MxListing.Verdict.Listed.class));
        assertThat(List.of(asked.get())).containsExactly(2);
    }
}
