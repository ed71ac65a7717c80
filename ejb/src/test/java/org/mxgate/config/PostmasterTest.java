package org.mxgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.MailboxParser;

/** RFC 5321 §4.5.1: who the postmaster is, and which recipients reach the operator. */
class PostmasterTest {

    private static EmailAddress address(String text) {
        return MailboxParser.parseMailbox(text).orElseThrow();
    }

    @Test
    void theOperatorsAddressOrPostmasterAtTheDomainOfThisHost() {
        assertThat(GatewaySettings.postmaster(Optional.of(" ops@example.net "), "mx.example.net"))
                .hasToString("ops@example.net");
        assertThat(GatewaySettings.postmaster(Optional.empty(), "mx.example.net")).hasToString("postmaster@example.net");
        assertThat(GatewaySettings.postmaster(Optional.of(""), "example.net")).hasToString("postmaster@example.net");
        assertThatThrownBy(() -> GatewaySettings.postmaster(Optional.of("ops@[127.0.0.1]"), "mx.example.net"))
                .hasMessageContaining("mxgate.postmaster must be an e-mail address");
    }

    @Test
    void thePostmasterAddressAndPostmasterAtThisHostReachTheOperatorInAnyCase() {
        EmailAddress operator = address("ops@example.net");
        assertThat(GatewaySettings.isPostmaster(address("OPS@Example.Net"), operator, "mx.example.net")).isTrue();
        assertThat(GatewaySettings.isPostmaster(address("PostMaster@MX.example.net"), operator, "mx.example.net")).isTrue();
        assertThat(GatewaySettings.isPostmaster(address("postmaster@example.net"), operator, "mx.example.net"))
                .as("the domain's own postmaster is the domain's mail").isFalse();
        assertThat(GatewaySettings.isPostmaster(address("ops@other.test"), operator, "mx.example.net")).isFalse();
    }
}
