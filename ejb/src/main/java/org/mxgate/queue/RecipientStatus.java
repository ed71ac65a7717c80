package org.mxgate.queue;

/** Where one recipient of a message stands. */
public enum RecipientStatus {
    PENDING, DELIVERED, FAILED
}
