package org.mxgate.dns;

/** One MX record: the host name (lower case, no trailing dot) and its preference. */
public record MxHost(String host, int preference) {
}
