package org.mxgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mxgate.gateway.Gateway;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.MailboxParser;
import org.mxgate.mail.SmtpReplies;

class RecipientPolicyTest {

    private final Gateway gateway = new Gateway("example.test", LocalDateTime.now());
    private RecipientPolicy.Usage stored = new RecipientPolicy.Usage(0, 0);
    private final RecipientPolicy policy = new RecipientPolicy(
            d -> d.equals("example.test") ? Optional.of(gateway) : Optional.empty(), d -> stored);

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
    void anUnknownDomainIsAskedAboutAndAcceptedOnceItsGatewayExists() {
        java.util.Map<String, Gateway> created = new java.util.HashMap<>();
        RecipientPolicy auto = new RecipientPolicy(d -> Optional.ofNullable(created.get(d)), d -> stored, d -> {
            if (d.equals("new.test")) {
                created.put(d, new Gateway(d, LocalDateTime.now()));
                return null;
            }
            return d.equals("dnsdown.test") ? SmtpReplies.SYSTEM_ERROR : SmtpReplies.RELAY_DENIED;
        });
        assertThat(auto.check(address("bob@new.test"))).isNull();
        assertThat(created).containsKey("new.test");
        assertThat(auto.check(address("bob@dnsdown.test"))).isEqualTo(SmtpReplies.SYSTEM_ERROR);
        assertThat(auto.check(address("bob@other.test"))).isEqualTo(SmtpReplies.RELAY_DENIED);
        assertThat(auto.check(address("eve%x.test@new.test"))).as("the tricks are refused first")
                .isEqualTo(SmtpReplies.RELAY_DENIED);
    }

    @Test
    void refusesRoutingTricksEvenForAGatewayDomain() {
        assertThat(policy.check(address("eve%other.test@example.test"))).isEqualTo(SmtpReplies.RELAY_DENIED);
        assertThat(policy.check(address("other.test!eve@example.test"))).isEqualTo(SmtpReplies.RELAY_DENIED);
        assertThat(policy.check(address("\"eve@other.test\"@example.test"))).isEqualTo(SmtpReplies.RELAY_DENIED);
        assertThat(policy.check(address("eve@[127.0.0.1]"))).isEqualTo(SmtpReplies.RELAY_DENIED);
    }

    @Test
    void aFullGatewayAsksSendersToTryAgainLater() {
        Gateway limited = new Gateway("limited.test", LocalDateTime.now()) {
            @Override
            public Long getMaxMessages() {
                return 2L;
            }

            @Override
            public Long getMaxBytes() {
                return 1000L;
            }
        };
        RecipientPolicy quota = new RecipientPolicy(d -> Optional.of(limited), d -> stored);
        stored = new RecipientPolicy.Usage(1, 500);
        assertThat(quota.check(address("bob@limited.test"))).isNull();
        stored = new RecipientPolicy.Usage(2, 500);
        assertThat(quota.check(address("bob@limited.test"))).isEqualTo(SmtpReplies.OVER_QUOTA);
        stored = new RecipientPolicy.Usage(1, 1000);
        assertThat(quota.check(address("bob@limited.test"))).isEqualTo(SmtpReplies.OVER_QUOTA);
        assertThat(SmtpReplies.OVER_QUOTA.toString()).startsWith("452 4.2.2 ");
    }

    @Test
    void usageIsNotAskedForGatewaysWithoutQuota() {
        RecipientPolicy strict = new RecipientPolicy(d -> Optional.of(gateway), d -> {
            throw new AssertionError("no quota, no query");
        });
        assertThat(strict.check(address("bob@example.test"))).isNull();
    }
}
