package org.mxgate.gateway;

/** Where a gateway that mxgate created by itself stands. */
public enum AutoState {
    /** Created; its mail is accepted and stored but not delivered until an operator confirms. */
    PENDING,
    /** Confirmed (or created without confirmation): a gateway like any other. */
    CONFIRMED,
    /** The domain's DNS no longer names mxgate as an MX host: new mail is refused. */
    DELISTED
}
