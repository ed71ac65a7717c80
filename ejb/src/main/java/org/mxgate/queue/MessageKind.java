package org.mxgate.queue;

/**
 * What a queued message is: {@code MAIL} received for a gateway, delivered by the gateway's
 * route; {@code BOUNCE} a message mxgate wrote itself (a delivery status notification or a
 * notice to an operator), from the null sender, delivered to the MX hosts of its recipient;
 * {@code OPERATOR} mail for mxgate's own postmaster (RFC 5321 §4.5.1), passed on with its sender
 * to the operator's address by that address's MX hosts; {@code COPY} the copy of a message that a
 * gateway which forwards and keeps copies keeps for its domain's servers to collect (POP3,
 * ATRN): never delivered by a queue run, failed when not collected within its retention. Only
 * {@code MAIL} follows a gateway's route.
 */
public enum MessageKind {
    MAIL, BOUNCE, OPERATOR, COPY
}
