package org.mxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mxgate.metrics.GatewayQueue;
import org.mxgate.queue.QueueAdmin.Kept;
import org.mxgate.queue.QueueStatus;

class QueueGaugesTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 12, 0);

    @Test
    void eachGatewayGetsItsCountsBacklogOldestWaitingAndNextHop() {
        Map<String, GatewayQueue> queues = QueueGauges.snapshot(List.of("a.test", "b.test", "empty.test"), Map.of(
                "a.test", Map.of(QueueStatus.QUEUED, new Kept(2, 2000, NOW.minusMinutes(5)),
                        QueueStatus.DEFERRED, new Kept(3, 30_000, NOW.minusHours(2)),
                        QueueStatus.QUARANTINED, new Kept(1, 9_999, NOW.minusDays(3))),
                "b.test", Map.of(QueueStatus.ACTIVE, new Kept(1, 100, NOW.minusSeconds(1))),
                "deleted.test", Map.of(QueueStatus.QUEUED, new Kept(1, 1, NOW))),
                Map.of("a.test", false, "b.test", true), NOW);

        assertThat(queues).as("a gateway deleted since keeps no gauges").containsOnlyKeys("a.test", "b.test", "empty.test");
        GatewayQueue a = queues.get("a.test");
        assertThat(a.messages()).containsExactlyInAnyOrderEntriesOf(Map.of("queued", 2L, "active", 0L, "deferred", 3L,
                "quarantined", 1L));
        assertThat(a.backlogBytes()).as("quarantined mail waits for no delivery").isEqualTo(32_000);
        assertThat(a.oldestWaiting()).isEqualTo(Duration.ofHours(2));
        assertThat(a.nextHopUp()).isFalse();
        assertThat(queues.get("b.test").nextHopUp()).isTrue();
        GatewayQueue empty = queues.get("empty.test");
        assertThat(empty.messages().values()).containsOnly(0L);
        assertThat(empty.backlogBytes()).isZero();
        assertThat(empty.oldestWaiting()).isNull();
        assertThat(empty.nextHopUp()).as("not tried since start").isNull();
    }
}
