package org.mxgate.queue;

import java.util.List;
import org.mxgate.mail.MessageBytes;

/**
 * What storing new messages found: whether any is due for delivery and left for a queue run, the
 * gateways with a quota they were stored for, and the messages claimed for delivery in the same
 * transaction, with their bytes, to be handed to delivery straight away.
 */
public record Enqueued(boolean dueNow, List<String> withQuota, List<Claimed> claimed) {

    /** A message stored and claimed at once: its delivery job and its bytes as received. */
    public record Claimed(DeliveryJob job, MessageBytes content) {
    }
}
