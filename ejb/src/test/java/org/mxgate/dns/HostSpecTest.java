package org.mxgate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostSpecTest {

    @Test
    void readsNamesPortsBracketsAndAddressesInOrder() {
        assertThat(HostSpec.parseList("Mail.Example.com, [mx2.example.com]:2525 ,192.0.2.7:26,[2001:db8::1]"))
                .contains(List.of(new HostSpec("mail.example.com", null, false),
                        new HostSpec("mx2.example.com", 2525, true), new HostSpec("192.0.2.7", 26, true),
                        new HostSpec("2001:db8::1", null, true)));
    }

    @Test
    void writesBackWhatItRead() {
        assertThat(HostSpec.parseList("mail.example.com,[mx2.example.com]:2525,192.0.2.7:26,[2001:db8::1]").orElseThrow()
                .stream().map(HostSpec::toString).toList())
                .containsExactly("mail.example.com", "[mx2.example.com]:2525", "192.0.2.7:26", "[2001:db8::1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "mail example.com", "mail.example.com:0", "mail.example.com:70000", "[mail",
            "mail.example.com:x", "2001:db8::1", "a,,b", "-bad.example.com", "mail.example.com/25"})
    void refusesWhatIsNotAHostList(String text) {
        assertThat(HostSpec.parseList(text)).isEmpty();
    }
}
