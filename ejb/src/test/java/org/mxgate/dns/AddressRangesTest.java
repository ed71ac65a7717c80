package org.mxgate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressRangesTest {

    private static final AddressRanges SPECIAL = AddressRanges.parse(AddressRanges.SPECIAL_PURPOSE).orElseThrow();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.31.255.255", "192.168.1.1", "100.64.0.1", "169.254.9.9",
            "192.0.2.10", "198.51.100.7", "203.0.113.200", "224.0.0.251", "255.255.255.255", "0.0.0.0", "::1", "::",
            "fe80::1", "fd00::5", "2001:db8::25", "ff02::1", "::ffff:10.0.0.1"})
    void specialPurposeAddressesAreReserved(String address) throws Exception {
        assertThat(SPECIAL.contains(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "172.32.0.1", "100.128.0.1", "192.0.3.1", "2a00:1450:4001::1", "198.20.0.1"})
    void publicAddressesAreNot(String address) throws Exception {
        assertThat(SPECIAL.contains(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void theListIsConfigurableAndStrict() throws Exception {
        AddressRanges ranges = AddressRanges.parse("10.0.0.0/8 192.168.0.0/16,fc00::/7").orElseThrow();
        assertThat(ranges.contains(InetAddress.getByName("127.0.0.1"))).as("loopback allowed for tests").isFalse();
        assertThat(ranges.contains(InetAddress.getByName("10.9.9.9"))).isTrue();
        assertThat(ranges.toString()).isEqualTo("10.0.0.0/8, 192.168.0.0/16, fc00::/7");
        assertThat(AddressRanges.parse("")).get().extracting(AddressRanges::toString).isEqualTo("");
        assertThat(AddressRanges.parse("10.0.0.0")).isEmpty();
        assertThat(AddressRanges.parse("10.0.0.0/33")).isEmpty();
        assertThat(AddressRanges.parse("example.com/8")).as("never a DNS lookup").isEmpty();
    }
}
