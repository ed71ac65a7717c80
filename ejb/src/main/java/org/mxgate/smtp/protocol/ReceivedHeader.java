package org.mxgate.smtp.protocol;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The trace header mxgate adds to each message it accepts (RFC 5321 §4.4). The client's HELO
 * name is reduced to characters a domain or address literal may hold, so the header never
 * carries control characters or folds from client input.
 */
public final class ReceivedHeader {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
    private static final int MAX_HELO = 64;

    private ReceivedHeader() {
    }

    /**
     * @param with the protocol as RFC 3848 names it: {@code SMTP}, {@code ESMTP}, {@code ESMTPS} (under TLS)
     * @param recipient the recipient for the {@code for} clause, only when there is exactly one
     */
    public static byte[] build(String heloName, String clientAddress, String hostname, String with, String id,
            String recipient, ZonedDateTime when) {
        StringBuilder h = new StringBuilder(200);
        h.append("Received: from ").append(sanitise(heloName)).append(" ([").append(clientAddress).append("])\r\n");
        h.append("\tby ").append(hostname).append(" (mxgate) with ").append(with)
                .append(" id ").append(id);
        if (recipient != null) {
            h.append("\r\n\tfor <").append(recipient).append('>');
        }
        h.append(";\r\n\t").append(DATE.format(when)).append("\r\n");
        return h.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static String sanitise(String heloName) {
        if (heloName == null) {
            return "unknown";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < heloName.length() && s.length() < MAX_HELO; i++) {
            char c = heloName.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_' || c == ':' || c == '[' || c == ']') {
                s.append(c);
            }
        }
        return s.isEmpty() ? "unknown" : s.toString();
    }
}
