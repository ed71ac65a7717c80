package org.mxgate.autogateway;

import org.mxgate.dns.AddressRanges;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mxgate.dns.MxHost;
import org.mxgate.dns.MxLookup;
import org.mxgate.dns.StaticMxResolver;

/** When mxgate takes on a domain by itself, against a fixed DNS. */
class MxListingTest {

    private final StaticMxResolver dns = new StaticMxResolver();
    private final AddressRanges reserved = AddressRanges.parse("10.0.0.0/8").orElseThrow();

    private MxListing listing() throws Exception {
        dns.host("gw.example.net", "192.0.2.25").host("primary.example.org", "198.51.100.1")
                .host("inside.example.org", "10.0.0.5").host("alias.example.net", "192.0.2.25");
        return new MxListing(dns, Set.of("gw.example.net"), Set.of(InetAddress.getByName("192.0.2.25")));
    }

    @Test
    void aSecondaryMxIsListed() throws Exception {
        dns.mx("example.org", new MxHost("primary.example.org", 10), new MxHost("gw.example.net", 20));
        assertThat(listing().check("example.org", reserved)).isInstanceOfSatisfying(MxListing.Verdict.Listed.class,
                l -> assertThat(l.records()).contains("10 primary.example.org [198.51.100.1]")
                        .contains("20 gw.example.net [192.0.2.25]"));
    }

    @Test
    void theBestOrAnEquallyGoodMxIsNot() throws Exception {
        dns.mx("best.example.org", new MxHost("gw.example.net", 10), new MxHost("primary.example.org", 20));
        dns.mx("tie.example.org", new MxHost("primary.example.org", 10), new MxHost("alias.example.net", 10));
        MxListing listing = listing();
        assertThat(listing.check("best.example.org", reserved)).isInstanceOfSatisfying(
                MxListing.Verdict.NotListed.class, n -> assertThat(n.reason()).contains("best MX"));
        assertThat(listing.check("tie.example.org", reserved)).isInstanceOf(MxListing.Verdict.NotListed.class);
    }

    @Test
    void notListedNullMxNoMxAndReservedAddressesAreRefused() throws Exception {
        dns.mx("other.example.org", new MxHost("primary.example.org", 10));
        dns.mx.put("null.example.org", new MxLookup.NullMx());
        dns.mx.put("implicit.example.org", new MxLookup.Hosts(java.util.List.of(
                new MxHost("implicit.example.org", 0)), true));
        dns.mx("private.example.org", new MxHost("inside.example.org", 10), new MxHost("gw.example.net", 20));
        MxListing listing = listing();
        assertThat(listing.check("other.example.org", reserved)).isInstanceOfSatisfying(
                MxListing.Verdict.NotListed.class, n -> assertThat(n.reason()).contains("not an MX host"));
        assertThat(listing.check("null.example.org", reserved)).isInstanceOf(MxListing.Verdict.NotListed.class);
        assertThat(listing.check("implicit.example.org", reserved)).isInstanceOf(MxListing.Verdict.NotListed.class);
        assertThat(listing.check("nowhere.example.org", reserved)).isInstanceOf(MxListing.Verdict.NotListed.class);
        assertThat(listing.check("private.example.org", reserved)).isInstanceOfSatisfying(
                MxListing.Verdict.NotListed.class, n -> assertThat(n.reason()).contains("reserved address 10.0.0.5"));
        assertThat(listing.check("private.example.org", null)).as("the rule can be off")
                .isInstanceOf(MxListing.Verdict.Listed.class);
    }

    @Test
    void aDnsFailureIsTemporary() throws Exception {
        dns.mx.put("down.example.org", new MxLookup.TryAgain("SERVFAIL"));
        dns.mx("slow.example.org", new MxHost("primary.example.org", 10), new MxHost("gw.example.net", 20));
        MxListing listing = listing();
        dns.failing.add("primary.example.org");
        assertThat(listing.check("down.example.org", reserved)).isInstanceOf(MxListing.Verdict.TryAgain.class);
        assertThat(listing.check("slow.example.org", reserved)).isInstanceOf(MxListing.Verdict.TryAgain.class);
    }
}
