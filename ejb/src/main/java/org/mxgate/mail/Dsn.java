package org.mxgate.mail;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ESMTP DSN extension (RFC 3461): the parameters a client gives (RET and ENVID on MAIL,
 * NOTIFY and ORCPT on RCPT), how they are checked, and what they ask for. Values are kept in
 * their wire form (xtext for ENVID and ORCPT) so that they pass on to the next hop unchanged;
 * {@link #decodeXtext} gives the text that goes into a report.
 */
public final class Dsn {

    /** The events a recipient's NOTIFY can ask to be told about. */
    public enum Event { SUCCESS, FAILURE, DELAY }

    /** The longest ENVID (RFC 3461 §4.4) and ORCPT (§4.2) mxgate accepts, as sent. */
    public static final int MAX_ENVID = 100;
    public static final int MAX_ORCPT = 500;

    /**
     * What one recipient asked for: {@code notifyOn} is {@code NEVER} or a comma list of
     * SUCCESS, FAILURE, DELAY, or {@code null} when not given; {@code orcpt} is
     * {@code addr-type;xtext} or {@code null}.
     */
    public record Recipient(String notifyOn, String orcpt) {

        public static final Recipient NONE = new Recipient(null, null);

        /**
         * Whether this recipient wants a report about {@code event}. Without NOTIFY, failures
         * and delays are reported and successes are not (RFC 3461 §4.1).
         */
        public boolean wants(Event event) {
            if (notifyOn == null) {
                return event != Event.SUCCESS;
            }
            return Set.of(notifyOn.split(",")).contains(event.name());
        }
    }

    /**
     * The DSN request of a whole message: {@code ret} FULL, HDRS or {@code null}; {@code envid}
     * in xtext or {@code null}; the request of each recipient, by address as stored.
     */
    public record Request(String ret, String envid, Map<String, Recipient> recipients) {

        public static final Request NONE = new Request(null, null, Map.of());

        public Request {
            recipients = Map.copyOf(recipients);
        }

        public Recipient of(String address) {
            return recipients.getOrDefault(address, Recipient.NONE);
        }

        /** Whether a failure report carries the whole message (RET=FULL) rather than its header. */
        public boolean returnsFullMessage() {
            return "FULL".equals(ret);
        }
    }

    private Dsn() {
    }

    /** RET=FULL|HDRS, in upper case, or empty when the value is not one of them. */
    public static Optional<String> ret(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.toUpperCase(Locale.ROOT);
        return v.equals("FULL") || v.equals("HDRS") ? Optional.of(v) : Optional.empty();
    }

    /** ENVID: xtext of at most {@value #MAX_ENVID} characters that decodes to printable ASCII. */
    public static Optional<String> envid(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_ENVID && isPrintableXtext(value)
                ? Optional.of(value) : Optional.empty();
    }

    /**
     * NOTIFY: {@code NEVER} alone, or SUCCESS, FAILURE and DELAY in any combination, returned
     * in upper case and in that order; empty when the value is not valid.
     */
    public static Optional<String> notify(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.toUpperCase(Locale.ROOT);
        if (v.equals("NEVER")) {
            return Optional.of(v);
        }
        Set<Event> events = EnumSet.noneOf(Event.class);
        for (String part : v.split(",", -1)) {
            try {
                if (!events.add(Event.valueOf(part))) {
                    return Optional.empty();
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.of(String.join(",", events.stream().map(Event::name).toList()));
    }

    /**
     * ORCPT: {@code addr-type ";" xtext} (RFC 3461 §4.2), at most {@value #MAX_ORCPT}
     * characters; the address type is returned in lower case.
     */
    public static Optional<String> orcpt(String value) {
        if (value == null || value.length() > MAX_ORCPT) {
            return Optional.empty();
        }
        int semi = value.indexOf(';');
        if (semi <= 0 || semi == value.length() - 1) {
            return Optional.empty();
        }
        String type = value.substring(0, semi);
        String address = value.substring(semi + 1);
        if (!type.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80 || c == '-')
                || !isPrintableXtext(address)) {
            return Optional.empty();
        }
        return Optional.of(type.toLowerCase(Locale.ROOT) + ";" + address);
    }

    /** The ORCPT mxgate adds when the client gave none: the recipient as received. */
    public static String orcptFor(String address) {
        return "rfc822;" + encodeXtext(address);
    }

    /** The text of an xtext value; call only on values checked by this class. */
    public static String decodeXtext(String xtext) {
        StringBuilder b = new StringBuilder(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                b.append((char) Integer.parseInt(xtext.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    public static String encodeXtext(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= '!' && c <= '~' && c != '+' && c != '=') {
                b.append(c);
            } else {
                b.append('+').append(String.format("%02X", (int) c & 0xff));
            }
        }
        return b.toString();
    }

    /** xtext (RFC 3461 §4) whose decoded text is printable ASCII (space included). */
    static boolean isPrintableXtext(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    return false;
                }
                int value = Integer.parseInt(s.substring(i + 1, i + 3), 16);
                if (value < 0x20 || value > 0x7e) {
                    return false;
                }
                i += 2;
            } else if (c < '!' || c > '~' || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }
}
