package org.mxgate.verify;

/** What mxgate answers a recipient, as verification decided it. */
public enum Decision {
    /** Taken (250), as far as verification goes. */
    ACCEPT,
    /** Refused for good: there is no such user (550 5.1.1). */
    UNKNOWN,
    /** Refused for now: the source could not be asked and the address is not known valid (451 4.4.3). */
    DEFER
}
