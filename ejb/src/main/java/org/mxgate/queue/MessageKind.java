package org.mxgate.queue;

/**
 * What a queued message is: {@code MAIL} received for a gateway, delivered by the gateway's
 * route; {@code BOUNCE} a message mxgate wrote itself (a delivery status notification or a
 * notice to an operator), from the null sender, delivered to the MX hosts of its recipient.
 */
public enum MessageKind {
    MAIL, BOUNCE
}
