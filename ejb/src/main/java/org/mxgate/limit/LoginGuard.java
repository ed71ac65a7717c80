package org.mxgate.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Failed logins per client address. Past {@code slowAfter} failures within {@code window}, each
 * further try must wait twice as long as the one before (1 s, 2 s, 4 s, ... after the latest
 * failure); past {@code maxFailures} the address gets no further password checks until the
 * window has moved on. It slows guessing and keeps a flood of guesses from spending the CPU that
 * a password check costs. Kept in memory, per instance and per listener.
 */
public final class LoginGuard {

    private static final Logger LOG = Logger.getLogger(LoginGuard.class.getName());
    private static final int MAX_ADDRESSES = 10_000;
    private static final int MAX_FAILURES = 10;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    private final int maxFailures;
    private final int slowAfter;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** {@value #MAX_FAILURES} failures within 15 minutes block; no slow-down before. */
    public LoginGuard(Clock clock) {
        this(MAX_FAILURES, MAX_FAILURES, WINDOW, clock);
    }

    /** Slows down after {@code slowAfter} failures, blocks after {@code maxFailures}, both within {@code window}. */
    public LoginGuard(int slowAfter, int maxFailures, Duration window, Clock clock) {
        if (slowAfter < 1 || maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("slowAfter and maxFailures must be positive, window too");
        }
        this.slowAfter = slowAfter;
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Runs {@code login} for {@code client} unless the address must wait, and counts it when it
     * fails (is empty); an address that must wait gets empty without a check.
     */
    public <T> Optional<T> attempt(String client, Supplier<Optional<T>> login) {
        if (blocked(client)) {
            LOG.info("login from [" + client + "] not checked: too many failures lately");
            return Optional.empty();
        }
        Optional<T> result = login.get();
        if (result.isEmpty()) {
            failed(client);
        }
        return result;
    }

    /** {@link #attempt} for a login that is right or wrong. */
    public boolean attempt(String client, BooleanSupplier login) {
        return attempt(client, () -> login.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty()).isPresent();
    }

    /** Whether {@code client} has failed too often lately to be let try again now. */
    public boolean blocked(String client) {
        return retryAfter(client).isPresent();
    }

    /** How long {@code client} must wait before its next login is checked; empty: not at all. */
    public Optional<Duration> retryAfter(String client) {
        Deque<Instant> times = failures.get(client);
        if (times == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant until;
        synchronized (times) {
            forgetOld(times);
            if (times.size() >= maxFailures) {
                until = times.peekFirst().plus(window);
            } else if (times.size() >= slowAfter) {
                until = times.peekLast().plus(FIRST_PAUSE.multipliedBy(1L << Math.min(30, times.size() - slowAfter)));
            } else {
                return Optional.empty();
            }
        }
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** Counts a failed login by {@code client}. */
    public void failed(String client) {
        if (failures.size() >= MAX_ADDRESSES) {
            failures.values().removeIf(times -> {
                synchronized (times) {
                    forgetOld(times);
                    return times.isEmpty();
                }
            });
        }
        Deque<Instant> times = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (times) {
            forgetOld(times);
            times.addLast(clock.instant());
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    private void forgetOld(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }
}
