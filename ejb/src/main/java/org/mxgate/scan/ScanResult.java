package org.mxgate.scan;

import java.util.List;

/**
 * What one scanner said of one message. {@code CLEAN}: nothing found (for spamd: scored, see
 * {@code score}); {@code FOUND}: a virus ({@code finding} names it); {@code SKIPPED}: not asked,
 * for the reason in {@code problem} (the message is over the scanner's size); {@code FAILED}: no
 * usable answer (down, slow, garbage), said in {@code problem}.
 */
public record ScanResult(String scanner, State state, String finding, double score, List<String> rules,
        String problem) {

    public enum State { CLEAN, FOUND, SKIPPED, FAILED }

    public ScanResult {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    static ScanResult clean(String scanner) {
        return new ScanResult(scanner, State.CLEAN, null, 0, List.of(), null);
    }

    static ScanResult found(String scanner, String finding) {
        return new ScanResult(scanner, State.FOUND, finding, 0, List.of(), null);
    }

    static ScanResult scored(String scanner, double score, List<String> rules) {
        return new ScanResult(scanner, State.CLEAN, null, score, rules, null);
    }

    static ScanResult skipped(String scanner, String why) {
        return new ScanResult(scanner, State.SKIPPED, null, 0, List.of(), why);
    }

    /** No usable answer from {@code scanner}, for the reason {@code why}. */
    public static ScanResult failed(String scanner, String why) {
        return new ScanResult(scanner, State.FAILED, null, 0, List.of(), why);
    }

    /** Whether the scanner gave an answer the policy can act on. */
    public boolean answered() {
        return state == State.CLEAN || state == State.FOUND;
    }
}
