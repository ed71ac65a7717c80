package org.mxgate.mail;

import java.util.Optional;

/**
 * Strict parser for the paths of MAIL FROM and RCPT TO (RFC 5321 §4.1.2), after the command
 * word and the colon. Anything it does not understand is refused rather than guessed at:
 * source routes, bare addresses without angle brackets, nested brackets, comma lists, NUL,
 * non-ASCII text, over-long parts.
 */
public final class MailboxParser {

    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_DOMAIN = 255;
    public static final int MAX_PATH = 256;

    private MailboxParser() {
    }

    /** The result of parsing a path: the address ({@code null} for the null path {@code <>}) and its ESMTP parameters. */
    public record Path(EmailAddress address, String parameters) {
        public boolean isNull() {
            return address == null;
        }
    }

    /**
     * Parses {@code <mailbox> [SP params]} or {@code <>} (when {@code allowNull}).
     *
     * @return the path, or empty when the syntax is not strictly valid
     */
    public static Optional<Path> parsePath(String text, boolean allowNull) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (!s.startsWith("<")) {
            return Optional.empty();
        }
        int close = s.indexOf('>');
        if (close < 0) {
            return Optional.empty();
        }
        String inner = s.substring(1, close);
        String rest = s.substring(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(" ")) {
            return Optional.empty();
        }
        String params = rest.strip();
        if (!isPrintableAscii(params)) {
            return Optional.empty();
        }
        if (inner.isEmpty()) {
            return allowNull ? Optional.of(new Path(null, params)) : Optional.empty();
        }
        if (inner.length() > MAX_PATH) {
            return Optional.empty();
        }
        return parseMailbox(inner).map(a -> new Path(a, params));
    }

    /** Parses a bare mailbox {@code local@domain}; source routes and anything else are refused. */
    public static Optional<EmailAddress> parseMailbox(String mailbox) {
        if (mailbox == null || mailbox.isEmpty() || !isPrintableAscii(mailbox)) {
            return Optional.empty();
        }
        int at;
        String local;
        if (mailbox.charAt(0) == '"') {
            int end = endOfQuotedString(mailbox);
            if (end < 0 || end + 1 >= mailbox.length() || mailbox.charAt(end + 1) != '@') {
                return Optional.empty();
            }
            at = end + 1;
            local = mailbox.substring(0, at);
        } else {
            at = mailbox.indexOf('@');
            if (at <= 0) {
                return Optional.empty();
            }
            local = mailbox.substring(0, at);
            if (!isDotString(local)) {
                return Optional.empty();
            }
        }
        String domain = mailbox.substring(at + 1);
        if (local.length() > MAX_LOCAL_PART) {
            return Optional.empty();
        }
        if (!isDomain(domain) && !isAddressLiteral(domain)) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(local, domain));
    }

    /** RFC 5321 Domain: sub-domains of letters, digits and inner hyphens, at most 63 each, 255 in all. */
    public static boolean isDomain(String domain) {
        if (domain == null || domain.isEmpty() || domain.length() > MAX_DOMAIN) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
            if (!isLetDig(label.charAt(0)) || !isLetDig(label.charAt(label.length() - 1))) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!isLetDig(c) && c != '-') {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isAddressLiteral(String domain) {
        if (domain.length() < 3 || domain.charAt(0) != '[' || domain.charAt(domain.length() - 1) != ']') {
            return false;
        }
        String inner = domain.substring(1, domain.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return inner.substring(5).matches("[0-9A-Fa-f:.]{2,45}");
        }
        String[] parts = inner.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDotString(String local) {
        if (local.isEmpty() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c != '.' && !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    /** Index of the closing quote of a quoted string starting at 0, or -1. */
    private static int endOfQuotedString(String s) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLetDig(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isAtext(char c) {
        return isLetDig(c) || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
