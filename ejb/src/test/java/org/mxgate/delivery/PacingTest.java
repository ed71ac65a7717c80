package org.mxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxgate.gateway.DeliveryMode;
import org.mxgate.mail.Dsn;
import org.mxgate.queue.DeliveryJob;

class PacingTest {

    private static List<DeliveryJob> jobs(int n) {
        List<DeliveryJob> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(new DeliveryJob("M" + i, "example.test", "a@sender.test", List.of("b@example.test"),
                    LocalDateTime.now(), 100, DeliveryMode.FORWARD, "example.test", "127.0.0.1", null, null, null, null,
                    Dsn.Request.NONE));
        }
        return jobs;
    }

    @Test
    void spreadsOverAtMostTheAllowedConnectionsKeepingEveryJobOnce() {
        List<List<DeliveryJob>> parts = new Pacing(8, 100).spread(jobs(500));
        assertThat(parts).hasSize(8).allSatisfy(p -> assertThat(p.size()).isBetween(62, 63));
        assertThat(parts.stream().flatMap(List::stream).map(DeliveryJob::id).distinct()).hasSize(500);
        assertThat(new Pacing(8, 100).spread(jobs(3))).hasSize(3);
    }

    @Test
    void aGatewayCanOnlyLowerTheServersConnectionLimit() {
        Pacing server = new Pacing(8, 100);
        assertThat(Pacing.of(2, 10, server)).isEqualTo(new Pacing(2, 10));
        assertThat(Pacing.of(50, null, server)).isEqualTo(new Pacing(8, 100));
        assertThat(Pacing.of(null, null, server)).isEqualTo(server);
        assertThat(Pacing.of(2, null, server).spread(jobs(500))).hasSize(2);
    }
}
