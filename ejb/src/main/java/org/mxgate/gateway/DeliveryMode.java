package org.mxgate.gateway;

/** What a gateway does with the mail it stores. */
public enum DeliveryMode {
    /** Deliver to the configured forward hosts, in order. */
    FORWARD,
    /** Live backup MX: deliver to the domain's MX hosts that rank above mxgate. */
    MX,
    /** Deliver every message to one e-mail address (envelope rewritten, originals in X-Original-To). */
    FORWARD_ADDRESS,
    /** Store only, until the domain's server collects it. */
    HOLD
}
