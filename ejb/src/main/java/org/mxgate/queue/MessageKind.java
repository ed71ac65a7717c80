package org.mxgate.queue;

/**
 * What a queued message is: {@code MAIL} received for a gateway, delivered by the gateway's
 * route; {@code BOUNCE} a message mxgate wrote itself (a delivery status notification or a
 * notice to an operator), from the null sender, delivered to the MX hosts of its recipient;
 * {@code OPERATOR} mail for mxgate's own postmaster (RFC 5321 §4.5.1), passed on with its sender
 * to the operator's address by that address's MX hosts. Only {@code MAIL} follows a gateway's
 * route, waits in HOLD and is collected.
 */
public enum MessageKind {
    MAIL, BOUNCE, OPERATOR
}
