package org.mxgate.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final MovableClock clock = new MovableClock("2026-11-30T12:00:00Z");

    @Test
    void aBurstIsAllowedThenOneRequestPerInterval() {
        RateLimit limit = new RateLimit(3, Duration.ofSeconds(10), clock);
        assertThat(limit.take("192.0.2.1")).isEmpty();
        assertThat(limit.take("192.0.2.1")).isEmpty();
        assertThat(limit.take("192.0.2.1")).isEmpty();
        assertThat(limit.take("192.0.2.1")).contains(Duration.ofSeconds(10));
        assertThat(limit.take("192.0.2.2")).as("another address has its own bucket").isEmpty();
        clock.move(Duration.ofSeconds(4));
        assertThat(limit.take("192.0.2.1")).contains(Duration.ofSeconds(6));
        clock.move(Duration.ofSeconds(6));
        assertThat(limit.take("192.0.2.1")).isEmpty();
        assertThat(limit.take("192.0.2.1")).isPresent();
    }

    @Test
    void aQuietAddressGetsItsWholeBurstBackButNoMore() {
        RateLimit limit = new RateLimit(2, Duration.ofSeconds(1), clock);
        limit.take("192.0.2.1");
        limit.take("192.0.2.1");
        clock.move(Duration.ofHours(1));
        assertThat(limit.take("192.0.2.1")).isEmpty();
        assertThat(limit.take("192.0.2.1")).isEmpty();
        assertThat(limit.take("192.0.2.1")).as("an hour's quiet is not an hour of requests").isPresent();
    }
}
