package org.mxgate.gateway;

import java.util.List;

/**
 * How a gateway's mail may be collected, as an operator submits it, unchecked: the methods
 * (ETRN, ATRN, POP3), the client addresses allowed (IPs or CIDRs), whether the gateway's
 * credentials are needed, a new password (left out keeps the old one), and whether mail sent by
 * an allowed address releases the held mail (RFC 5321 §4.5.4.1). A field left out keeps its value.
 */
public record CollectionSpec(List<String> methods, List<String> allowedAddresses, Boolean authRequired,
        String password, Boolean releaseOnContact) {
}
