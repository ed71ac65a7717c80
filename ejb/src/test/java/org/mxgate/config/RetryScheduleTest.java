package org.mxgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule postfix = new RetrySchedule(Duration.ofSeconds(300), Duration.ofSeconds(4000),
            Duration.ofDays(5));
    private final LocalDateTime received = LocalDateTime.of(2026, 1, 1, 12, 0);

    @Test
    void youngMessageWaitsTheMinimalBackoff() {
        LocalDateTime now = received.plusSeconds(10);
        assertThat(postfix.nextAttempt(received, now)).isEqualTo(now.plusSeconds(300));
    }

    @Test
    void waitDoublesTheMessageAgeBetweenTheBounds() {
        LocalDateTime now = received.plusSeconds(1000);
        assertThat(postfix.nextAttempt(received, now)).isEqualTo(received.plusSeconds(2000));
    }

    @Test
    void oldMessageWaitsNoMoreThanTheMaximalBackoff() {
        LocalDateTime now = received.plusHours(10);
        assertThat(postfix.nextAttempt(received, now)).isEqualTo(now.plusSeconds(4000));
    }

    @Test
    void messageExpiresAtTheMaximalLifetime() {
        assertThat(postfix.isExpired(received, received.plusDays(5).minusSeconds(1))).isFalse();
        assertThat(postfix.isExpired(received, received.plusDays(5))).isTrue();
    }

    @Test
    void refusesInconsistentBounds() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofSeconds(5), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
