package org.mxgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mxgate.gateway.AutoState;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewaySpec;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;
import org.mxgate.queue.Usage;

/** The relay decision, the gateway's state and its quota, each a check of its own. */
class GatewayChecksTest {

    private final Gateway gateway = new Gateway("example.test", LocalDateTime.now());

    private static Gateway limited(boolean enabled, AutoState state) {
        Gateway limited = new Gateway("limited.test", LocalDateTime.now()) {

            @Override
            public AutoState getAutoState() {
                return state;
            }
        };
        limited.change(new GatewaySpec(null, null, null, null, null, enabled, 2L, 1000L, null, null, null, null, null, null));
        return limited;
    }

    @Test
    void aDomainWithoutAGatewayIsRelayingAndRefused() {
        assertThat(RelayCheck.decide(Optional.empty())).isEqualTo(Verdict.reject(SmtpReplies.RELAY_DENIED));
        assertThat(RelayCheck.decide(Optional.of(gateway))).isEqualTo(Verdict.next());
    }

    @Test
    void aDisabledGatewayDefersAndADelistedOneRefuses() {
        assertThat(GatewayStateCheck.decide(gateway)).isEqualTo(Verdict.next());
        assertThat(GatewayStateCheck.decide(limited(false, null))).isEqualTo(Verdict.defer(SmtpReplies.GATEWAY_DISABLED));
        assertThat(GatewayStateCheck.decide(limited(true, AutoState.DELISTED)))
                .isEqualTo(Verdict.reject(SmtpReplies.NO_LONGER_MX));
        assertThat(GatewayStateCheck.decide(limited(true, AutoState.PENDING))).as("pending mail is stored")
                .isEqualTo(Verdict.next());
    }

    @Test
    void aFullGatewayAsksSendersToTryAgainLater() {
        Gateway g = limited(true, null);
        assertThat(QuotaCheck.decide(g, () -> new Usage(1, 500))).isEqualTo(Verdict.next());
        assertThat(QuotaCheck.decide(g, () -> new Usage(2, 500))).isEqualTo(Verdict.defer(SmtpReplies.OVER_QUOTA));
        assertThat(QuotaCheck.decide(g, () -> new Usage(1, 1000))).isEqualTo(Verdict.defer(SmtpReplies.OVER_QUOTA));
        assertThat(SmtpReplies.OVER_QUOTA.toString()).startsWith("452 4.2.2 ");
    }

    @Test
    void usageIsNotAskedForAGatewayWithoutQuota() {
        assertThat(QuotaCheck.decide(gateway, () -> {
            throw new AssertionError("no quota, no query");
        })).isEqualTo(Verdict.next());
    }
}
