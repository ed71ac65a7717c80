package org.mxgate.queue;

/** What one delivery attempt settled for one recipient; PENDING means "try again later". */
public record RecipientResult(String address, RecipientStatus status, String reply) {
}
