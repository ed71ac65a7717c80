package org.mxgate.metrics;

import java.util.Locale;

/** Why mail was refused, as the {@code reason} tag of {@code mxgate_refused_total}. */
public enum Refusal {
    /** A recipient in a domain mxgate has no gateway for. */
    RELAY,
    /** A recipient the gateway's verification does not know. */
    UNKNOWN_RECIPIENT,
    /** A gateway's quota, or the server's free space. */
    QUOTA,
    /** A per-client or per-session limit: sessions, rates, size, time, errors. */
    LIMIT,
    /** Any other rule: DNSBL, SPF, authentication, block lists, content, viruses, spam. */
    POLICY;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
