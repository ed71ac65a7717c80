package org.mxgate.mail;

import java.util.List;
import java.util.Objects;

/**
 * What a check says about the mail at one SMTP stage (the words of James's hooks): {@code NEXT}
 * has no opinion and lets the next check decide; {@code ACCEPT} takes the mail without asking
 * the checks after it (at the end of DATA, possibly with header fields to add, as {@code NEXT}
 * may too); {@code REJECT}
 * refuses it for good with a 5xx reply; {@code DEFER} refuses it for now with a 4xx reply.
 */
public record Verdict(Kind kind, SmtpReply reply, List<String> headerFields, String quarantine) {

    public enum Kind { NEXT, ACCEPT, REJECT, DEFER }

    private static final Verdict NEXT = new Verdict(Kind.NEXT, null, List.of(), null);
    private static final Verdict ACCEPT = new Verdict(Kind.ACCEPT, null, List.of(), null);

    public Verdict {
        Objects.requireNonNull(kind);
        headerFields = List.copyOf(headerFields);
        switch (kind) {
            case REJECT -> require(reply != null && reply.code() >= 500 && reply.code() < 600, "REJECT needs a 5xx reply");
            case DEFER -> require(reply != null && reply.code() >= 400 && reply.code() < 500, "DEFER needs a 4xx reply");
            default -> require(reply == null, kind + " carries no reply");
        }
        require(headerFields.isEmpty() || kind == Kind.ACCEPT || kind == Kind.NEXT, "a refusal adds no header fields");
        require(quarantine == null || kind == Kind.ACCEPT && !quarantine.isBlank(), "only a taken message is quarantined, for a reason");
        for (String field : headerFields) {
            require(field.matches("[!-9;-~]+:[^\\r\\n]*(\\r\\n[ \\t][^\\r\\n]*)*"),
                    "a header field is name: value, folded with CRLF and a space: " + field);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** No opinion: the next check decides. */
    public static Verdict next() {
        return NEXT;
    }

    /**
     * No opinion, but should the mail be taken, these header fields are added above it (at the
     * end of DATA): a check that only stamps what it found (SPF) lets the checks after it decide.
     */
    public static Verdict nextWith(List<String> headerFields) {
        return headerFields.isEmpty() ? NEXT : new Verdict(Kind.NEXT, null, headerFields, null);
    }

    /** This verdict with {@code earlier} header fields (of checks before it) added in front of its own. */
    public Verdict after(List<String> earlier) {
        if (earlier.isEmpty() || refuses()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(earlier);
        all.addAll(headerFields);
        return new Verdict(kind, reply, all, quarantine);
    }

    /** Taken; the checks after this one are not asked. */
    public static Verdict accept() {
        return ACCEPT;
    }

    /** Taken, with these header fields added above the message (at the end of DATA). */
    public static Verdict acceptWith(List<String> headerFields) {
        return new Verdict(Kind.ACCEPT, null, headerFields, null);
    }

    /**
     * Taken (the client gets its 250) but held in the quarantine for {@code reason}, never
     * delivered unless an operator releases it; the checks after this one are not asked.
     */
    public static Verdict quarantine(String reason, List<String> headerFields) {
        return new Verdict(Kind.ACCEPT, null, headerFields, reason.replaceAll("[\\r\\n]", " "));
    }

    /** Refused for good: {@code reply} is a 5xx. */
    public static Verdict reject(SmtpReply reply) {
        return new Verdict(Kind.REJECT, reply, List.of(), null);
    }

    /** Refused for now: {@code reply} is a 4xx. */
    public static Verdict defer(SmtpReply reply) {
        return new Verdict(Kind.DEFER, reply, List.of(), null);
    }

    /** A refusal of either kind, as its reply's code says. */
    public static Verdict refuse(SmtpReply reply) {
        return reply.code() >= 500 ? reject(reply) : defer(reply);
    }

    /** Whether the mail is refused (for good or for now). */
    public boolean refuses() {
        return kind == Kind.REJECT || kind == Kind.DEFER;
    }
}
