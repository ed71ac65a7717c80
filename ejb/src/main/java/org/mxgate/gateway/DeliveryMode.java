package org.mxgate.gateway;

/** What a gateway does with the mail it stores. */
public enum DeliveryMode {
    /** Deliver to the gateway's primary server (forward host and port). */
    FORWARD,
    /** Store only, until the domain's server collects it. */
    HOLD
}
