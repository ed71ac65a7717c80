package org.mxgate.gateway;

/** The ways a domain's servers may collect their gateway's held mail. */
public enum CollectionMethod {
    /** RFC 1985: the server asks, mxgate delivers to it. */
    ETRN,
    /** RFC 2645 (ODMR): the server logs in and takes the mail over the same connection. */
    ATRN,
    /** DomainPOP style: the server logs in by POP3 and retrieves one copy per recipient. */
    POP3
}
