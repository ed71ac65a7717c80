package org.mxgate.mail;

import java.util.Locale;

/**
 * {@code Authentication-Results:} header fields (RFC 8601) under mxgate's authserv-id (its host
 * name): the one it adds, and whether an incoming one claims to be its own (such a field is
 * removed before the message is stored, §5, so the servers behind mxgate can trust its own).
 */
public final class AuthenticationResults {

    private static final String NAME = "Authentication-Results";

    private AuthenticationResults() {
    }

    /** The field for one method's result, e.g. {@code spf}, {@code pass}, {@code smtp.mailfrom=a@b.example}. */
    public static String field(String authservId, String method, String result, String property) {
        return NAME + ": " + authservId + ";\r\n\t" + method + "=" + result + " " + property;
    }

    /** Whether {@code field} (a whole header field) is an Authentication-Results field naming {@code authservId}. */
    public static boolean claims(String field, String authservId) {
        int colon = field.indexOf(':');
        if (colon < 0 || !field.substring(0, colon).strip().equalsIgnoreCase(NAME)) {
            return false;
        }
        String value = field.substring(colon + 1).replaceAll("\\([^)]*\\)", " ").strip();
        int stop = 0;
        while (stop < value.length() && value.charAt(stop) != ';' && !Character.isWhitespace(value.charAt(stop))) {
            stop++;
        }
        return value.substring(0, stop).toLowerCase(Locale.ROOT).equals(authservId.toLowerCase(Locale.ROOT));
    }
}
