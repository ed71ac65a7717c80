package org.mxgate.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The clock every time-dependent service injects. It follows the system clock, moved by an
 * offset that is zero in service; tests in the container move it forward to see what time does
 * (expiry, delay warnings, retry times) without waiting for it.
 */
@ApplicationScoped
public class ClockProducer {

    private volatile Duration offset = Duration.ZERO;

    @Produces
    Clock clock() {
        return new Shifted(ZoneId.systemDefault());
    }

    /** Moves mxgate's time forward by {@code by}, for every service at once. */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to the system clock. */
    public void reset() {
        offset = Duration.ZERO;
    }

    private final class Shifted extends Clock {
        private final ZoneId zone;

        Shifted(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new Shifted(zone);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
