package org.mxgate.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxgate.gateway.DeliveryMode;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewaySpec;
import org.mxgate.mail.Dsn;

class DeliveryJobTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 1, 12, 0);

    private static QueuedMessage mail() {
        return new QueuedMessage("Q1", "example.test", "alice@sender.test", List.of("bob@example.test"), NOW, 100,
                "192.0.2.1", "client.test", Dsn.Request.NONE);
    }

    private static Gateway gateway(DeliveryMode mode, String forwardHost, String forwardAddress) {
        Gateway gateway = new Gateway("example.test", NOW);
        gateway.change(new GatewaySpec(null, mode.name(), forwardHost, null, forwardAddress, null, null, null, null, null, null, null, null, null));
        return gateway;
    }

    @Test
    void aReportGoesFromTheNullSenderToItsRecipientsMxHosts() {
        DeliveryJob job = DeliveryJob.report(QueuedMessage.bounce("B1", "example.test", "alice@Sender.Test", NOW, 10));
        assertThat(List.of(job.sender(), job.mode(), job.routeDomain())).containsExactly("", DeliveryMode.MX, "sender.test");
        assertThat(job.routeKey()).isEqualTo("mx:sender.test");
    }

    @Test
    void mailFollowsItsGatewaysRoute() {
        assertThat(DeliveryJob.byRoute(mail(), gateway(DeliveryMode.FORWARD, "10.0.0.5", null)).routeKey())
                .isEqualTo("forward:10.0.0.5:null");
        DeliveryJob mx = DeliveryJob.byRoute(mail(), gateway(DeliveryMode.MX, null, null));
        assertThat(List.of(mx.mode(), mx.routeDomain())).containsExactly(DeliveryMode.MX, "example.test");
        DeliveryJob one = DeliveryJob.byRoute(mail(), gateway(DeliveryMode.FORWARD_ADDRESS, null, "all@Other.Test"));
        assertThat(List.of(one.rewriteTo(), one.routeDomain())).containsExactly("all@other.test", "other.test");
    }

    @Test
    void releasedHeldMailGoesToTheForwardHostElseToTheMxHostsAbove() {
        assertThat(DeliveryJob.byRoute(mail(), gateway(DeliveryMode.HOLD, "10.0.0.5", null)).mode())
                .isEqualTo(DeliveryMode.FORWARD);
        assertThat(DeliveryJob.byRoute(mail(), gateway(DeliveryMode.HOLD, null, null)).mode()).isEqualTo(DeliveryMode.MX);
        DeliveryJob collected = DeliveryJob.collected(mail());
        assertThat(List.of(collected.mode(), collected.sender(), collected.recipients()))
                .containsExactly(DeliveryMode.HOLD, "alice@sender.test", List.of("bob@example.test"));
    }
}
