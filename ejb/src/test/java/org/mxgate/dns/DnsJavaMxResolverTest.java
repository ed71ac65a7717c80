package org.mxgate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MX and address lookups against a real DNS server: dnsmasq on a loopback port. */
class DnsJavaMxResolverTest {

    private static TestDnsServer dnsmasq;
    private static DnsJavaMxResolver dns;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        dnsmasq = TestDnsServer.start("dns.test",
                "--mx-host=backup.dns.test,mx1.dns.test,10",
                "--mx-host=backup.dns.test,mx2.dns.test,20",
                "--mx-host=equal.dns.test,a.dns.test,10",
                "--mx-host=equal.dns.test,b.dns.test,10",
                "--mx-host=equal.dns.test,c.dns.test,10",
                "--mx-host=equal.dns.test,z.dns.test,5",
                "--dns-rr=nullmx.dns.test,15,000000",
                "--host-record=mx1.dns.test,127.0.0.10",
                "--host-record=mx2.dns.test,127.0.0.20",
                "--host-record=implicit.dns.test,127.0.0.30");
        dns = new DnsJavaMxResolver(dnsmasq.address(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopDnsmasq() throws Exception {
        dnsmasq.close();
    }

    @Test
    void mxHostsComeMostPreferredFirst() throws Exception {
        assertThat(dns.mx("backup.dns.test")).isEqualTo(new MxLookup.Hosts(
                List.of(new MxHost("mx1.dns.test", 10), new MxHost("mx2.dns.test", 20)), false));
        assertThat(dns.addresses("mx2.dns.test")).containsExactly(InetAddress.getByName("127.0.0.20"));
    }

    @Test
    void equalPreferencesAreShuffled() {
        Set<String> firstOfTheTens = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            List<MxHost> hosts = ((MxLookup.Hosts) dns.mx("equal.dns.test")).hosts();
            assertThat(hosts.get(0)).isEqualTo(new MxHost("z.dns.test", 5));
            assertThat(hosts.subList(1, 4)).extracting(MxHost::preference).containsOnly(10);
            firstOfTheTens.add(hosts.get(1).host());
        }
        assertThat(firstOfTheTens).containsExactlyInAnyOrder("a.dns.test", "b.dns.test", "c.dns.test");
    }

    @Test
    void aDomainWithoutMxIsItsOwnImplicitMx() {
        assertThat(dns.mx("implicit.dns.test")).isEqualTo(new MxLookup.Hosts(
                List.of(new MxHost("implicit.dns.test", 0)), true));
    }

    @Test
    void nullMxAndMissingDomainsAreTold() throws Exception {
        assertThat(dns.mx("nullmx.dns.test")).isInstanceOf(MxLookup.NullMx.class);
        assertThat(dns.mx("missing.dns.test")).isInstanceOf(MxLookup.NoSuchDomain.class);
        assertThat(dns.addresses("missing.dns.test")).isEmpty();
    }

    @Test
    void anUnreachableDnsServerMeansTryAgain() throws Exception {
        DnsJavaMxResolver dead = new DnsJavaMxResolver("127.0.0.1:1", Duration.ofMillis(300));
        assertThat(dead.mx("backup.dns.test")).isInstanceOf(MxLookup.TryAgain.class);
    }
}
