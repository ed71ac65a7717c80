package org.mxgate.web.it;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The clock of the container tests' deployment (an alternative to mxgate's system clock, for the
 * whole application): the system clock moved by an offset the tests set.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
@ApplicationScoped
public class MovableClock {

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
