package org.mxgate.gateway;

/** Fired when an operator deletes a gateway (in the deleting transaction). */
public record GatewayDeleted(String domain, boolean automatic, long storedMessages) {
}
