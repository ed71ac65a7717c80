package org.mxgate.gateway;

/**
 * A gateway's recipient verification as an operator submits it, unchecked; a field left out keeps
 * its value. {@code method}: NONE, LIST, LDAP or CALLOUT; {@code whenUnverifiable}: KNOWN, ACCEPT
 * or DEFER; durations as 10s, 31d, 3h or ISO-8601; {@code ldapFilter} has {@code {0}} where the
 * address goes (escaped as RFC 4515 says); {@code ldapBindPassword} is never shown again.
 */
public record VerificationSpec(String method, String whenUnverifiable, String timeout, String validFor,
        String unknownFor, String ldapUrl, Boolean ldapStartTls, String ldapBindDn, String ldapBindPassword,
        String ldapBase, String ldapFilter) {
}
