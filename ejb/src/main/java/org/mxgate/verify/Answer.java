package org.mxgate.verify;

/** What a verification source said of one address. */
public enum Answer {
    /** The address exists. */
    VALID,
    /** The source knows the domain and not the address. */
    UNKNOWN,
    /** The source could not be asked (down, timing out, a temporary refusal): no answer. */
    UNAVAILABLE
}
