package org.mxgate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPF through jSPF against a real DNS server: dnsmasq on a loopback port with the domains' TXT records. */
class SpfTest {

    private static TestDnsServer dnsmasq;
    private static Spf spf;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        dnsmasq = TestDnsServer.start("spf.test",
                "--txt-record=strict.spf.test,v=spf1 ip4:127.0.0.20 -all",
                "--txt-record=soft.spf.test,v=spf1 ip4:127.0.0.20 ~all",
                "--txt-record=helo.spf.test,v=spf1 ip4:127.0.0.30 -all",
                "--txt-record=broken.spf.test,v=spf1 ip4:not-an-address -all",
                "--host-record=nospf.spf.test,127.0.0.40");
        spf = new Spf(dnsmasq.address(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopDnsmasq() throws Exception {
        dnsmasq.close();
    }

    @Test
    void theSendersDomainSaysWhichAddressesMaySendForIt() {
        Spf.Result pass = spf.check("127.0.0.20", "alice@strict.spf.test", "client.spf.test");
        assertThat(pass.result()).isEqualTo("pass");
        assertThat(pass.receivedSpf()).startsWith("pass").contains("127.0.0.20").contains("strict.spf.test");
        assertThat(spf.check("127.0.0.21", "alice@strict.spf.test", "client.spf.test").result()).isEqualTo("fail");
        assertThat(spf.check("127.0.0.21", "alice@soft.spf.test", "client.spf.test").result()).isEqualTo("softfail");
        assertThat(spf.check("127.0.0.21", "alice@nospf.spf.test", "client.spf.test").result()).isEqualTo("none");
        assertThat(spf.check("127.0.0.21", "alice@broken.spf.test", "client.spf.test").result()).isEqualTo("permerror");
    }

    @Test
    void theNullSenderIsCheckedByItsHeloName() {
        assertThat(spf.check("127.0.0.30", "", "helo.spf.test").result()).isEqualTo("pass");
        assertThat(spf.check("127.0.0.31", "", "helo.spf.test").result()).isEqualTo("fail");
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void aDnsServerThatDoesNotAnswerIsATemporaryErrorInTime() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(new Spf("127.0.0.1:" + closed, Duration.ofSeconds(1)).check("127.0.0.20", "alice@strict.spf.test",
                "client.spf.test").result()).isEqualTo("temperror");
    }
}
