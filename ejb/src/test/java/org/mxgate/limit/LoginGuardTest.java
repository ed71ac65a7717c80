package org.mxgate.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginGuardTest {

    private final MovableClock clock = new MovableClock("2026-11-30T12:00:00Z");

    @Test
    void anAddressThatFailsTooOftenWaitsUntilItsFailuresAreOld() {
        LoginGuard guard = new LoginGuard(3, 3, Duration.ofMinutes(15), clock);
        guard.failed("192.0.2.1");
        clock.move(Duration.ofSeconds(60));
        guard.failed("192.0.2.1");
        assertThat(guard.blocked("192.0.2.1")).isFalse();
        guard.failed("192.0.2.1");
        assertThat(guard.blocked("192.0.2.1")).isTrue();
        assertThat(guard.blocked("192.0.2.2")).as("another address").isFalse();
        clock.move(Duration.ofMinutes(14));
        assertThat(guard.blocked("192.0.2.1")).as("the first failure is 15 minutes old").isFalse();
        guard.failed("192.0.2.1");
        assertThat(guard.blocked("192.0.2.1")).isTrue();
        clock.move(Duration.ofMinutes(16));
        assertThat(guard.blocked("192.0.2.1")).isFalse();
    }

    @Test
    void aBlockedAddressGetsNoPasswordCheckAndOnlyFailuresCount() {
        LoginGuard guard = new LoginGuard(2, 2, Duration.ofMinutes(15), clock);
        int[] checks = {0};
        assertThat(guard.attempt("192.0.2.1", () -> ++checks[0] > 0)).isTrue();
        assertThat(guard.attempt("192.0.2.1", () -> ++checks[0] > 0)).as("successes do not count").isTrue();
        assertThat(guard.attempt("192.0.2.1", () -> ++checks[0] < 0)).isFalse();
        assertThat(guard.attempt("192.0.2.1", () -> java.util.Optional.<String>empty())).isEmpty();
        assertThat(guard.attempt("192.0.2.1", () -> ++checks[0] > 0)).as("blocked, even with the right password")
                .isFalse();
        assertThat(checks[0]).isEqualTo(3);
    }

    @Test
    void pastTheFirstFailuresEachTryWaitsTwiceAsLongThenTheAddressIsBlocked() {
        LoginGuard guard = new LoginGuard(2, 5, Duration.ofMinutes(15), clock);
        guard.failed("192.0.2.1");
        assertThat(guard.retryAfter("192.0.2.1")).isEmpty();
        guard.failed("192.0.2.1");
        assertThat(guard.retryAfter("192.0.2.1")).contains(Duration.ofSeconds(1));
        clock.move(Duration.ofSeconds(1));
        assertThat(guard.retryAfter("192.0.2.1")).as("the pause is over").isEmpty();
        guard.failed("192.0.2.1");
        assertThat(guard.retryAfter("192.0.2.1")).contains(Duration.ofSeconds(2));
        clock.move(Duration.ofSeconds(2));
        guard.failed("192.0.2.1");
        assertThat(guard.retryAfter("192.0.2.1")).contains(Duration.ofSeconds(4));
        clock.move(Duration.ofSeconds(4));
        guard.failed("192.0.2.1");
        assertThat(guard.retryAfter("192.0.2.1")).as("five failures: blocked until the first is 15 minutes old")
                .contains(Duration.ofMinutes(15).minusSeconds(7));
        assertThat(guard.attempt("192.0.2.1", () -> true)).as("not even the right password").isFalse();
        clock.move(Duration.ofMinutes(15));
        assertThat(guard.retryAfter("192.0.2.1")).isEmpty();
        assertThat(guard.retryAfter("192.0.2.2")).as("another address").isEmpty();
    }
}
