package org.mxgate.gateway;

/**
 * What a gateway answers a recipient when its directory or next hop cannot be asked (down, timing
 * out, answering 4xx).
 */
public enum WhenUnverifiable {
    /** A recipient known valid before (cached, or delivered to) is taken; any other gets 451 4.4.3. */
    KNOWN,
    /** Every recipient is taken, as without verification. */
    ACCEPT,
    /** Every recipient gets 451 4.4.3, known or not. */
    DEFER
}
