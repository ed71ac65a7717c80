package org.mxgate.queue;

/** Where a message stands. */
public enum QueueStatus {
    /** Stored, not yet tried (or held: a HOLD gateway's messages stay QUEUED). */
    QUEUED,
    /** Claimed by an instance that is delivering it now; the lease says until when. */
    ACTIVE,
    /** Tried and failed for now; tried again at its next attempt time. */
    DEFERRED,
    /** Every recipient accepted by the next hop. */
    DELIVERED,
    /** Given up for at least one recipient: a permanent failure or the maximal lifetime passed. */
    FAILED,
    /**
     * Taken, but held by the content filter (a virus, spam) for an operator: never delivered
     * unless released, deleted after the quarantine's retention.
     */
    QUARANTINED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }
}
