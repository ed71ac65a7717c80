package org.mxgate.config;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * When to try a deferred message again, by Postfix's rule: wait as long as the message is old
 * (so the interval doubles from one attempt to the next), never less than the minimal and never
 * more than the maximal backoff. A message older than the maximal lifetime is given up.
 */
public record RetrySchedule(Duration minimalBackoff, Duration maximalBackoff, Duration maximalLifetime) {

    public RetrySchedule {
        if (minimalBackoff.isNegative() || minimalBackoff.isZero()) {
            throw new IllegalArgumentException("minimal backoff must be positive");
        }
        if (maximalBackoff.compareTo(minimalBackoff) < 0) {
            throw new IllegalArgumentException("maximal backoff must not be below the minimal backoff");
        }
        if (maximalLifetime.isNegative()) {
            throw new IllegalArgumentException("maximal lifetime must not be negative");
        }
    }

    /** The next attempt after a failure at {@code now} of a message received at {@code receivedAt}. */
    public LocalDateTime nextAttempt(LocalDateTime receivedAt, LocalDateTime now) {
        Duration age = Duration.between(receivedAt, now);
        Duration wait = age.compareTo(minimalBackoff) < 0 ? minimalBackoff
                : age.compareTo(maximalBackoff) > 0 ? maximalBackoff : age;
        return now.plus(wait);
    }

    /** True when a message received at {@code receivedAt} has been queued too long to try again. */
    public boolean isExpired(LocalDateTime receivedAt, LocalDateTime now) {
        return !receivedAt.plus(maximalLifetime).isAfter(now);
    }
}
