package org.mxgate.dequeue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginGuardTest {

    private Instant now = Instant.parse("2026-11-30T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void anAddressThatFailsTooOftenWaitsUntilItsFailuresAreOld() {
        LoginGuard guard = new LoginGuard(3, Duration.ofMinutes(15), clock);
        guard.failed("192.0.2.1");
        now = now.plusSeconds(60);
        guard.failed("192.0.2.1");
        assertThat(guard.blocked("192.0.2.1")).isFalse();
        guard.failed("192.0.2.1");
        assertThat(guard.blocked("192.0.2.1")).isTrue();
        assertThat(guard.blocked("192.0.2.2")).as("another address").isFalse();
        now = now.plus(Duration.ofMinutes(14));
        assertThat(guard.blocked("192.0.2.1")).as("the first failure is 15 minutes old").isFalse();
        guard.failed("192.0.2.1");
        assertThat(guard.blocked("192.0.2.1")).isTrue();
        now = now.plus(Duration.ofMinutes(16));
        assertThat(guard.blocked("192.0.2.1")).isFalse();
    }

    @Test
    void aBlockedAddressGetsNoPasswordCheckAndOnlyFailuresCount() {
        LoginGuard guard = new LoginGuard(2, Duration.ofMinutes(15), clock);
        int[] checks = {0};
        assertThat(guard.attempt("192.0.2.1", () -> ++checks[0] > 0)).isTrue();
        assertThat(guard.attempt("192.0.2.1", () -> ++checks[0] > 0)).as("successes do not count").isTrue();
        assertThat(guard.attempt("192.0.2.1", () -> ++checks[0] < 0)).isFalse();
        assertThat(guard.attempt("192.0.2.1", () -> java.util.Optional.<String>empty())).isEmpty();
        assertThat(guard.attempt("192.0.2.1", () -> ++checks[0] > 0)).as("blocked, even with the right password")
                .isFalse();
        assertThat(checks[0]).isEqualTo(3);
    }
}
