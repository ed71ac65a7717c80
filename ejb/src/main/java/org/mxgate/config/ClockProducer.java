package org.mxgate.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The clock every time-dependent service injects: the system clock. Container tests replace it
 * (a CDI alternative of their own deployment) with one they move forward, to see what time does
 * (expiry, delay warnings, retry times) without waiting for it; nothing in production can move it.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
