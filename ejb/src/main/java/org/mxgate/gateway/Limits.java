package org.mxgate.gateway;

import jakarta.persistence.Embeddable;
import org.mxgate.admin.ServiceException;

/**
 * A gateway's limits: pacing towards its next hop (connections at once, messages per
 * connection; null is the server's setting) and its quota of stored mail (messages, bytes;
 * null is no limit). Immutable; {@link #with} checks a change and names the field at fault.
 */
@Embeddable
public class Limits {

    private Integer maxConnections;
    private Integer messagesPerConnection;
    private Long maxMessages;
    private Long maxBytes;

    protected Limits() {
    }

    private Limits(Integer maxConnections, Integer messagesPerConnection, Long maxMessages, Long maxBytes) {
        this.maxConnections = maxConnections;
        this.messagesPerConnection = messagesPerConnection;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** No limits of the gateway's own. */
    static Limits none() {
        return new Limits(null, null, null, null);
    }

    Limits copy() {
        return new Limits(maxConnections, messagesPerConnection, maxMessages, maxBytes);
    }

    /** These limits with the fields {@code spec} gives (left out: kept; 0: removed), each checked. */
    Limits with(GatewaySpec spec) {
        return new Limits(pacing("maxConnections", spec.maxConnections(), maxConnections, 100),
                pacing("messagesPerConnection", spec.messagesPerConnection(), messagesPerConnection, 10_000),
                quota("maxMessages", spec.maxMessages(), maxMessages), quota("maxBytes", spec.maxBytes(), maxBytes));
    }

    private static Integer pacing(String field, Integer requested, Integer current, int max) {
        if (requested == null) {
            return current;
        }
        if (requested < 0 || requested > max) {
            throw ServiceException.invalid(field, field + " must be 0 (the server's setting) or 1 to " + max);
        }
        return requested == 0 ? null : requested;
    }

    private static Long quota(String field, Long requested, Long current) {
        if (requested == null) {
            return current;
        }
        if (requested < 0) {
            throw ServiceException.invalid(field, field + " must be 0 (no limit) or positive");
        }
        return requested == 0 ? null : requested;
    }

    /** True when new mail is refused while the stored mail is at either limit. */
    public boolean isOverQuota(long storedMessages, long storedBytes) {
        return maxMessages != null && storedMessages >= maxMessages || maxBytes != null && storedBytes >= maxBytes;
    }

    /**
     * True when the stored mail has reached {@code percent} of either limit (the quota warning's
     * level); never without a quota or with percent 0.
     */
    public boolean isNearQuota(long storedMessages, long storedBytes, int percent) {
        return percent > 0 && (maxMessages != null && storedMessages * 100 >= maxMessages * percent
                || maxBytes != null && storedBytes * 100 >= maxBytes * percent);
    }

    public boolean hasQuota() {
        return maxMessages != null || maxBytes != null;
    }

    public Integer maxConnections() {
        return maxConnections;
    }

    public Integer messagesPerConnection() {
        return messagesPerConnection;
    }

    public Long maxMessages() {
        return maxMessages;
    }

    public Long maxBytes() {
        return maxBytes;
    }
}
