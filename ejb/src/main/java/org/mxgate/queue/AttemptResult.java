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
}
