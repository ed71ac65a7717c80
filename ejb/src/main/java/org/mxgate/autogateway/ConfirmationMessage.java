package org.mxgate.autogateway;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.mxgate.mail.Mime;

/** The message that asks the operator to confirm a gateway mxgate created by itself. */
final class ConfirmationMessage {

    private ConfirmationMessage() {
    }

    static byte[] compose(String hostname, String publicUrl, String to, String domain, String client, String sender,
            String mxRecords, String token, LocalDateTime confirmBy, Clock clock) {
        String link = publicUrl + "/confirm.xhtml?token=" + token;
        String text = "mxgate at " + hostname + " received mail for " + domain + ", for which it had no gateway,\r\n"
                + "and created one because the domain's DNS names it as a backup MX host.\r\n\r\n"
                + "Domain:         " + domain + "\r\n"
                + "Sending client: [" + client + "]\r\n"
                + "Sender:         <" + sender + ">\r\n"
                + "MX records:     " + mxRecords + "\r\n\r\n"
                + "Its mail is stored but not delivered until the gateway is confirmed. Unless it is\r\n"
                + "confirmed by " + Mime.DATE.format(confirmBy.atZone(clock.getZone()))
                + ", the gateway and all mail it stored are deleted.\r\n\r\n"
                + "To confirm, open this link:\r\n\r\n  " + link + "\r\n\r\n"
                + "or reply to this message (the reply address carries the token), or confirm\r\n"
                + "through the API (POST /api/auto-gateways/confirm with this token).\r\n\r\n"
                + "Confirmation token: " + token + "\r\n";
        MimeMessage message = Mime.notice(hostname, "confirm", to, "mxgate: confirm the new gateway for " + domain, text,
                ZonedDateTime.now(clock));
        try {
            message.setReplyTo(new InternetAddress[] {new InternetAddress("confirm+" + token + "@" + hostname)});
        } catch (MessagingException e) {
            throw new IllegalStateException("confirmation message could not be composed", e);
        }
        return Mime.bytes(message);
    }
}
