package org.mxgate.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueShapeTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 12, 0);

    @Test
    void countsWaitingMailByNextHopAndAgeBusiestFirst() {
        QueueShape shape = QueueShape.of(List.of(
                new QueueShape.Waiting("mx.a.test", NOW.minusMinutes(1)),
                new QueueShape.Waiting("mx.a.test", NOW.minusMinutes(7)),
                new QueueShape.Waiting("mx.a.test", NOW.minusDays(3)),
                new QueueShape.Waiting("b.test", NOW.minusMinutes(100)),
                new QueueShape.Waiting("(held) c.test", NOW.plusSeconds(5))), NOW);
        assertThat(shape.rows()).extracting(QueueShape.Row::nextHop).containsExactly("mx.a.test", "(held) c.test", "b.test");
        assertThat(shape.rows().get(0).byAge()).containsExactly(1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
        assertThat(shape.rows().get(2).byAge().get(5)).as("80 to 160 minutes").isEqualTo(1);
        assertThat(shape.rows().get(1).byAge().get(0)).as("a clock a little behind counts as new").isEqualTo(1);
        assertThat(shape.total().messages()).isEqualTo(5);
        assertThat(shape.total().byAge()).containsExactly(2L, 1L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 1L);
    }

    @Test
    void bucketsDoubleFromFiveMinutes() {
        assertThat(QueueShape.bucket(Duration.ofMinutes(4))).isZero();
        assertThat(QueueShape.bucket(Duration.ofMinutes(5))).isEqualTo(1);
        assertThat(QueueShape.bucket(Duration.ofMinutes(19))).isEqualTo(2);
        assertThat(QueueShape.bucket(Duration.ofMinutes(1279))).isEqualTo(8);
        assertThat(QueueShape.bucket(Duration.ofDays(30))).isEqualTo(9);
        assertThat(QueueShape.bucket(Duration.ofMinutes(-3))).isZero();
    }
}
