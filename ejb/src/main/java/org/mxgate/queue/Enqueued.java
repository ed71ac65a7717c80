package org.mxgate.queue;

import java.util.List;

/**
 * What storing new messages found: whether any is due for delivery at once, and the gateways
 * with a quota they were stored for.
 */
public record Enqueued(boolean dueNow, List<String> withQuota) {
}
