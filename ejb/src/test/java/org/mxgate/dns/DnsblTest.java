package org.mxgate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DNS block list lookups against a real DNS server: dnsmasq on a loopback port serving a test zone. */
class DnsblTest {

    private TestDnsServer dnsmasq;
    private final AtomicLong now = new AtomicLong();

    @BeforeEach
    void startDnsmasq() throws Exception {
        dnsmasq = TestDnsServer.start("bl.test", "--local-ttl=60", "--host-record=5.0.0.127.bl.test,127.0.0.2",
                "--host-record=8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl.test,127.0.0.4");
    }

    @AfterEach
    void stopDnsmasq() throws Exception {
        dnsmasq.close();
    }

    private Dnsbl dnsbl() {
        return new Dnsbl(DnsJavaMxResolver.build(dnsmasq.address(), Duration.ofMillis(500)), now::get);
    }

    @Test
    void aListedAddressIsFoundUnderItsReversedNameAndOthersAreNot() throws Exception {
        Dnsbl dnsbl = dnsbl();
        assertThat(dnsbl.lookup(InetAddress.getByName("127.0.0.5"), "bl.test"))
                .isEqualTo(new Dnsbl.Listing(true, false, "127.0.0.2"));
        assertThat(dnsbl.lookup(InetAddress.getByName("127.0.0.6"), "bl.test").listed()).isFalse();
        assertThat(dnsbl.lookup(InetAddress.getByName("2001:db8::8"), "bl.test").listed()).isTrue();
        assertThat(Dnsbl.query(InetAddress.getByName("192.0.2.99"), "zen.example")).isEqualTo("99.2.0.192.zen.example.");
    }

    @Test
    void answersAreKeptForTheirTimeToLiveAndAFailureIsNoListing() throws Exception {
        Dnsbl dnsbl = dnsbl();
        InetAddress listed = InetAddress.getByName("127.0.0.5");
        assertThat(dnsbl.lookup(listed, "bl.test").listed()).isTrue();
        stopDnsmasq();
        now.set(Duration.ofSeconds(59).toNanos());
        assertThat(dnsbl.lookup(listed, "bl.test").listed()).as("kept for the record's 60 s").isTrue();
        now.set(Duration.ofSeconds(61).toNanos());
        assertThat(dnsbl.lookup(listed, "bl.test")).as("asked again: no answer").isEqualTo(new Dnsbl.Listing(false, true,
                null));
        startDnsmasq();
    }

    @Test
    void zonesAreReadWithTheirActions() {
        assertThat(DnsblZone.parseList(" zen.example.org, bl.example.net=record ,dnsbl.test.=REJECT")).hasValue(List.of(
                new DnsblZone("zen.example.org", true), new DnsblZone("bl.example.net", false),
                new DnsblZone("dnsbl.test", true)));
        assertThat(DnsblZone.parseList("")).hasValue(List.of());
        assertThat(DnsblZone.parseList("zen.example.org=block")).isEmpty();
        assertThat(DnsblZone.parseList("not_a zone")).isEmpty();
    }
}
