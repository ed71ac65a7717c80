package org.mxgate.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mxgate.gateway.DeliveryMode;
import org.mxgate.gateway.GatewayService.Summary;
import org.mxgate.queue.QueueAdmin.Kept;
import org.mxgate.queue.QueueStatus;

class GatewaysPageTest {

    private static final LocalDateTime T = LocalDateTime.of(2026, 12, 2, 12, 0);

    private static GatewaysPage.Row row(String domain, Map<QueueStatus, Kept> kept) {
        return GatewaysPage.row(new Summary(domain, DeliveryMode.FORWARD, "mx." + domain, null, null, true, null), kept);
    }

    @Test
    void aRowAddsUpTheMailWaitingAndCountsTheQuarantineApart() {
        GatewaysPage.Row r = row("a.test", Map.of(QueueStatus.QUEUED, new Kept(2, 200, T.minusMinutes(1)),
                QueueStatus.DEFERRED, new Kept(3, 3000, T.minusHours(5)), QueueStatus.QUARANTINED, new Kept(4, 99, T.minusDays(9))));
        assertThat(r.waiting()).isEqualTo(5);
        assertThat(r.backlogBytes()).isEqualTo(3200);
        assertThat(r.oldestWaiting()).isEqualTo(T.minusHours(5));
        assertThat(r.quarantined()).isEqualTo(4);
        assertThat(row("empty.test", Map.of()).oldestWaiting()).isNull();
    }

    @Test
    void ordersPutTheGatewaysThatNeedLookingAtFirst() {
        GatewaysPage.Row big = row("b.test", Map.of(QueueStatus.DEFERRED, new Kept(1, 9000, T.minusMinutes(2))));
        GatewaysPage.Row old = row("c.test", Map.of(QueueStatus.DEFERRED, new Kept(5, 10, T.minusDays(2))));
        GatewaysPage.Row none = row("a.test", Map.of(QueueStatus.QUARANTINED, new Kept(7, 10, T)));
        List<GatewaysPage.Row> rows = List.of(big, old, none);
        assertThat(rows.stream().sorted(GatewaysPage.order("domain")).map(r -> r.gateway().domain()))
                .containsExactly("a.test", "b.test", "c.test");
        assertThat(rows.stream().sorted(GatewaysPage.order("backlog")).map(r -> r.gateway().domain()))
                .containsExactly("b.test", "c.test", "a.test");
        assertThat(rows.stream().sorted(GatewaysPage.order("waiting")).map(r -> r.gateway().domain()))
                .containsExactly("c.test", "b.test", "a.test");
        assertThat(rows.stream().sorted(GatewaysPage.order("oldest")).map(r -> r.gateway().domain()))
                .containsExactly("c.test", "b.test", "a.test");
        assertThat(rows.stream().sorted(GatewaysPage.order("quarantine")).map(r -> r.gateway().domain()))
                .containsExactly("a.test", "b.test", "c.test");
        assertThat(rows.stream().sorted(GatewaysPage.order("nonsense")).map(r -> r.gateway().domain()))
                .containsExactly("a.test", "b.test", "c.test");
    }
}
