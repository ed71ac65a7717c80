package org.mxgate.scan;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How one scanner has been doing: its last answer and last failure, and counts since the start.
 * {@code UP} when its last call got an answer, {@code DOWN} when it failed, {@code UNKNOWN} before
 * the first call.
 */
public final class ScannerHealth {

    /** What the API and pages show. */
    public record State(String scanner, String address, String state, Instant lastAnswerAt, Instant lastFailureAt,
            String lastProblem, long answered, long found, long failed) {
    }

    private final String scanner;
    private final String address;
    private final Clock clock;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Instant lastAnswerAt;
    private volatile Instant lastFailureAt;
    private volatile String lastProblem;
    private volatile boolean lastFailed;

    ScannerHealth(String scanner, String address, Clock clock) {
        this.scanner = scanner;
        this.address = address;
        this.clock = clock;
    }

    /** Counts {@code result}; a skipped message says nothing of the scanner. */
    ScanResult record(ScanResult result) {
        switch (result.state()) {
            case CLEAN, FOUND -> {
                answered.incrementAndGet();
                if (result.state() == ScanResult.State.FOUND) {
                    found.incrementAndGet();
                }
                lastAnswerAt = clock.instant();
                lastFailed = false;
            }
            case FAILED -> {
                failed.incrementAndGet();
                lastProblem = result.problem();
                lastFailureAt = clock.instant();
                lastFailed = true;
            }
            case SKIPPED -> {
                // not asked
            }
        }
        return result;
    }

    public State state() {
        String state = lastAnswerAt == null && lastFailureAt == null ? "UNKNOWN" : lastFailed ? "DOWN" : "UP";
        return new State(scanner, address, state, lastAnswerAt, lastFailureAt, lastProblem, answered.get(), found.get(),
                failed.get());
    }
}
