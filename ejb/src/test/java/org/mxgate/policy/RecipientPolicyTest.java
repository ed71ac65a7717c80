package org.mxgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mxgate.gateway.Gateway;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.MailboxParser;
import org.mxgate.smtp.SmtpReplies;

class RecipientPolicyTest {

    private final Gateway gateway = new Gateway("example.test", LocalDateTime.now());
    private final RecipientPolicy policy = new RecipientPolicy(
            d -> d.equals("example.test") ? Optional.of(gateway) : Optional.empty());

    private static EmailAddress address(String text) {
        return MailboxParser.parseMailbox(text).orElseThrow();
    }

    @Test
    void acceptsMailForAGatewayDomainInAnyCase() {
        assertThat(policy.check(address("bob@example.test"))).isNull();
        assertThat(policy.check(address("bob@EXAMPLE.Test"))).isNull();
    }

    @Test
    void refusesOtherDomainsAsRelaying() {
        assertThat(policy.check(address("bob@other.test"))).isEqualTo(SmtpReplies.RELAY_DENIED);
        assertThat(policy.check(address("bob@sub.example.test"))).isEqualTo(SmtpReplies.RELAY_DENIED);
    }

    @Test
    void refusesRoutingTricksEvenForAGatewayDomain() {
        assertThat(policy.check(address("eve%other.test@example.test"))).isEqualTo(SmtpReplies.RELAY_DENIED);
        assertThat(policy.check(address("other.test!eve@example.test"))).isEqualTo(SmtpReplies.RELAY_DENIED);
        assertThat(policy.check(address("\"eve@other.test\"@example.test"))).isEqualTo(SmtpReplies.RELAY_DENIED);
        assertThat(policy.check(address("eve@[127.0.0.1]"))).isEqualTo(SmtpReplies.RELAY_DENIED);
    }
}
