package org.mxgate.autogateway;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/** The message that asks the operator to confirm a gateway mxgate created by itself. */
final class ConfirmationMessage {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private ConfirmationMessage() {
    }

    static byte[] compose(String hostname, String publicUrl, String to, String domain, String client, String sender,
            String mxRecords, String token, LocalDateTime confirmBy, Clock clock) {
        String link = publicUrl + "/confirm.xhtml?token=" + token;
        String text = "From: mxgate <postmaster@" + hostname + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Reply-To: <confirm+" + token + "@" + hostname + ">\r\n"
                + "Subject: mxgate: confirm the new gateway for " + domain + "\r\n"
                + "Date: " + DATE.format(ZonedDateTime.now(clock)) + "\r\n"
                + "Message-ID: <" + messageIdPart() + "@" + hostname + ">\r\n"
                + "Auto-Submitted: auto-generated\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "mxgate at " + hostname + " received mail for " + domain + ", for which it had no gateway,\r\n"
                + "and created one because the domain's DNS names it as a backup MX host.\r\n\r\n"
                + "Domain:         " + domain + "\r\n"
                + "Sending client: [" + client + "]\r\n"
                + "Sender:         <" + sender + ">\r\n"
                + "MX records:     " + mxRecords + "\r\n\r\n"
                + "Its mail is stored but not delivered until the gateway is confirmed. Unless it is\r\n"
                + "confirmed by " + DATE.format(confirmBy.atZone(clock.getZone()))
                + ", the gateway and all mail it stored are deleted.\r\n\r\n"
                + "To confirm, open this link:\r\n\r\n  " + link + "\r\n\r\n"
                + "or reply to this message (the reply address carries the token), or confirm\r\n"
                + "through the API (POST /api/auto-gateways/confirm with this token).\r\n\r\n"
                + "Confirmation token: " + token + "\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A Message-ID's left part from fresh randomness: nothing in it derives from the token. */
    private static String messageIdPart() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return "confirm." + HexFormat.of().formatHex(id);
    }
}
