package org.mxgate.gateway;

import java.util.List;

/**
 * How a gateway's mail may be collected, as an operator submits it, unchecked: the methods
 * (ETRN, ATRN, POP3), the client addresses allowed (IPs or CIDRs), whether the gateway's
 * credentials are needed, and a new password (left out keeps the old one). A field left out keeps
 * its value.
 */
public record CollectionSpec(List<String> methods, List<String> allowedAddresses, Boolean authRequired,
        String password) {
}
