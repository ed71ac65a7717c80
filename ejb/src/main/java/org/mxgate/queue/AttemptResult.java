package org.mxgate.queue;

import java.util.List;

/** The outcome of one delivery attempt of one claimed message, as the delivery agent reports it. */
public record AttemptResult(String id, String owner, String relay, List<RecipientResult> results, String error) {
}
