package org.mxgate.dequeue;

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
 * Failed collection logins per client address: past {@code maxFailures} within {@code window}
 * the address gets no further password checks until the window has moved on. It slows guessing
 * and keeps a flood of guesses from spending the CPU that each PBKDF2 check costs. Kept in memory,
 * per instance and per listener.
 */
final class LoginGuard {

    private static final Logger LOG = Logger.getLogger(LoginGuard.class.getName());
    private static final int MAX_ADDRESSES = 10_000;
    private static final int MAX_FAILURES = 10;
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** {@value #MAX_FAILURES} failures within {@link #WINDOW}. */
    LoginGuard(Clock clock) {
        this(MAX_FAILURES, WINDOW, clock);
    }

    LoginGuard(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Runs {@code login} for {@code client} unless the address is blocked, and counts it when it
     * fails (is empty); a blocked address gets empty without a check.
     */
    <T> Optional<T> attempt(String client, Supplier<Optional<T>> login) {
        if (blocked(client)) {
            LOG.info("login from [" + client + "] not checked: " + maxFailures + " failures within " + window);
            return Optional.empty();
        }
        Optional<T> result = login.get();
        if (result.isEmpty()) {
            failed(client);
        }
        return result;
    }

    /** {@link #attempt} for a login that is right or wrong. */
    boolean attempt(String client, BooleanSupplier login) {
        return attempt(client, () -> login.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty()).isPresent();
    }

    /** Whether {@code client} has failed too often lately to be let try again now. */
    boolean blocked(String client) {
        Deque<Instant> times = failures.get(client);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            forgetOld(times);
            return times.size() >= maxFailures;
        }
    }

    /** Counts a failed login by {@code client}. */
    void failed(String client) {
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
