package org.mxgate.queue;

import java.util.List;

/**
 * The outcome of one delivery attempt of one claimed message, as the delivery agent reports it.
 *
 * @param dsnPassedOn whether the next hop took the message's DSN request (RFC 3461), so that it,
 *        not mxgate, reports successful delivery to those who asked
 */
public record AttemptResult(String id, String owner, String relay, List<RecipientResult> results, String error,
        boolean dsnPassedOn) {

    /**
     * The common case: every recipient tried was accepted, with one reply, and nothing went
     * wrong; such attempts can be recorded in bulk.
     */
    boolean isPlainDelivery() {
        return error == null && !results.isEmpty()
                && results.stream().allMatch(r -> r.status() == RecipientStatus.DELIVERED
                        && java.util.Objects.equals(r.reply(), results.get(0).reply()));
    }
}
