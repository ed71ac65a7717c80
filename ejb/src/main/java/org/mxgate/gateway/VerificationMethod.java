package org.mxgate.gateway;

/** How a gateway learns whether a recipient in its domain exists, before mxgate answers RCPT. */
public enum VerificationMethod {
    /** Every local part is taken (the primary decides, and mxgate bounces what it refuses). */
    NONE,
    /** The addresses and patterns mxgate keeps for the gateway. */
    LIST,
    /** A search in the domain's LDAP directory. */
    LDAP,
    /** An SMTP RCPT probe to the gateway's next hop, which is never sent DATA. */
    CALLOUT
}
