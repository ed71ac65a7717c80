package org.mxgate.delivery;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes delivery status notifications (RFC 3464): a {@code multipart/report} with a
 * human-readable part, a {@code message/delivery-status} part with one block per recipient
 * ({@code Action: failed} for a bounce, {@code delayed} for a delay warning), and the original
 * message's header section. Sent from the null sender, so it is never bounced itself.
 */
public final class BounceComposer {

    /** One recipient that failed, with the reply (or mxgate's own reason) that made it fail. */
    public record FailedRecipient(String address, String reply) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
    private static final Pattern SMTP_REPLY = Pattern.compile("^(\\d{3}) (?:([245]\\.\\d{1,3}\\.\\d{1,3}) )?.*");
    private static final Pattern OWN_REASON = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3}) .*");

    private BounceComposer() {
    }

    /**
     * @param original the message as stored (mxgate's trace header first)
     */
    public static byte[] compose(String hostname, String queueId, String bounceId, String sender,
            List<FailedRecipient> failed, ZonedDateTime arrival, ZonedDateTime now, byte[] original) {
        return compose(hostname, queueId, bounceId, sender, failed, arrival, now, original, false);
    }

    /**
     * A delay warning (RFC 3464 {@code Action: delayed}): the message is still being retried.
     *
     * @param waiting the recipients still pending, each with its last temporary error
     */
    public static byte[] composeDelay(String hostname, String queueId, String reportId, String sender,
            List<FailedRecipient> waiting, ZonedDateTime arrival, ZonedDateTime now, byte[] original) {
        return compose(hostname, queueId, reportId, sender, waiting, arrival, now, original, true);
    }

    private static byte[] compose(String hostname, String queueId, String bounceId, String sender,
            List<FailedRecipient> failed, ZonedDateTime arrival, ZonedDateTime now, byte[] original, boolean delay) {
        String boundary = bounceId + "/" + hostname;
        StringBuilder m = new StringBuilder(2048);
        m.append("From: Mail Delivery System <MAILER-DAEMON@").append(hostname).append(">\r\n");
        m.append("To: <").append(sender).append(">\r\n");
        m.append(delay ? "Subject: Delayed Mail (still being retried)\r\n"
                : "Subject: Undelivered Mail Returned to Sender\r\n");
        m.append("Date: ").append(DATE.format(now)).append("\r\n");
        m.append("Message-ID: <").append(bounceId).append('@').append(hostname).append(">\r\n");
        m.append("Auto-Submitted: auto-replied\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"")
                .append(boundary).append("\"\r\n\r\n");
        m.append("This is a MIME-encapsulated message.\r\n\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        m.append("This is the mail system at host ").append(hostname).append(".\r\n\r\n");
        m.append(delay ? "Your message could not be delivered yet; delivery is still being tried.\r\n"
                + "No action is needed on your part; you will hear again only if it fails.\r\n\r\n"
                : "Your message could not be delivered to one or more recipients.\r\n"
                + "It is attached below (headers only).\r\n\r\n");
        for (FailedRecipient f : failed) {
            m.append("<").append(f.address()).append(">: ").append(f.reply()).append("\r\n");
        }
        m.append("\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n");
        m.append("Reporting-MTA: dns; ").append(hostname).append("\r\n");
        m.append("X-Mxgate-Queue-ID: ").append(queueId).append("\r\n");
        m.append("Arrival-Date: ").append(DATE.format(arrival)).append("\r\n");
        for (FailedRecipient f : failed) {
            m.append("\r\nFinal-Recipient: rfc822; ").append(f.address()).append("\r\n");
            m.append(delay ? "Action: delayed\r\n" : "Action: failed\r\n");
            m.append("Status: ").append(delay ? status(f.reply()).replaceFirst("^5", "4") : status(f.reply()))
                    .append("\r\n");
            if (SMTP_REPLY.matcher(f.reply()).matches()) {
                m.append("Diagnostic-Code: smtp; ").append(f.reply()).append("\r\n");
            } else {
                m.append("Diagnostic-Code: x-mxgate; ").append(f.reply()).append("\r\n");
            }
        }
        m.append("\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Undelivered Message Headers\r\nContent-Type: text/rfc822-headers\r\n\r\n");
        m.append(headerSection(original));
        m.append("\r\n--").append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The enhanced status of a reply: its own, or one derived from its code, or 5.0.0. */
    static String status(String reply) {
        Matcher smtp = SMTP_REPLY.matcher(reply);
        if (smtp.matches()) {
            return smtp.group(2) != null ? smtp.group(2) : smtp.group(1).charAt(0) + ".0.0";
        }
        Matcher own = OWN_REASON.matcher(reply);
        return own.matches() ? own.group(1).replaceFirst("^4", "5") : "5.0.0";
    }

    /** The original's header section, up to (not including) the empty line. */
    static String headerSection(byte[] original) {
        String text = new String(original, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String headers = end < 0 ? text : text.substring(0, end + 2);
        StringBuilder ascii = new StringBuilder(headers.length());
        for (char c : headers.toCharArray()) {
            ascii.append(c < 0x80 ? c : '?');
        }
        return ascii.toString();
    }
}
