package org.mxgate.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per client address, as a token bucket: {@code burst} requests at once, then one per
 * {@code interval}. In memory, per instance; the table of addresses is bounded.
 */
public final class RateLimit {

    private static final int MAX_ADDRESSES = 10_000;

    private final int burst;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimit(int burst, Duration interval, Clock clock) {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("burst and interval must be positive");
        }
        this.burst = burst;
        this.interval = interval;
        this.clock = clock;
    }

    /** Takes one request for {@code client}: empty if allowed, else how long until the next one is. */
    public Optional<Duration> take(String client) {
        Instant now = clock.instant();
        if (buckets.size() >= MAX_ADDRESSES) {
            buckets.values().removeIf(b -> b.full(now));
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(now.minus(interval.multipliedBy(burst))));
        return bucket.take(now);
    }

    /**
     * Kept as the time at which the bucket would be empty: a request is allowed when that lies
     * in the past, and moves it on by one interval (never further back than a full bucket).
     */
    private final class Bucket {
        private Instant emptyAt;

        Bucket(Instant emptyAt) {
            this.emptyAt = emptyAt;
        }

        synchronized Optional<Duration> take(Instant now) {
            Instant full = now.minus(interval.multipliedBy(burst));
            if (emptyAt.isBefore(full)) {
                emptyAt = full;
            }
            Instant next = emptyAt.plus(interval);
            if (next.isAfter(now)) {
                return Optional.of(Duration.between(now, next));
            }
            emptyAt = next;
            return Optional.empty();
        }

        synchronized boolean full(Instant now) {
            return !emptyAt.isAfter(now.minus(interval.multipliedBy(burst)));
        }
    }
}
