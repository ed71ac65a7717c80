package org.mxgate.queue;

import java.time.LocalDateTime;

/**
 * How a gateway's next hop is doing, as its delivery attempts tell: {@code UP} when the last
 * attempt reached it (sent, or refused for good), {@code DOWN} when the last attempt was
 * deferred, {@code UNKNOWN} before any attempt; since when, the last temporary error, and the
 * backlog of mail waiting.
 */
public record PrimaryHealth(State state, LocalDateTime since, String lastError, long backlogMessages,
        long backlogBytes, LocalDateTime oldestWaiting) {

    public enum State { UP, DOWN, UNKNOWN }
}
