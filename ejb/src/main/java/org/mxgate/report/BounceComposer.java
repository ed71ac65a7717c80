package org.mxgate.report;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mxgate.mail.DeliveryReport.Action;
import org.mxgate.mail.DeliveryReport.Original;
import org.mxgate.mail.DeliveryReport.Reported;
import org.mxgate.mail.Dsn;

/**
 * Writes delivery status notifications (RFC 3464): a {@code multipart/report} with a
 * human-readable part, a {@code message/delivery-status} part with one block per recipient,
 * and the original message (its header section, or all of it for a failure when the sender
 * asked RET=FULL). The action is {@code failed} for a bounce, {@code delayed} for a delay
 * warning and {@code relayed} when a next hop without DSN took mail whose sender asked to hear
 * of success. Sent from the null sender, so it is never bounced itself.
 */
public final class BounceComposer {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
    private static final Pattern SMTP_REPLY = Pattern.compile("^(\\d{3}) (?:([245]\\.\\d{1,3}\\.\\d{1,3}) )?.*");
    private static final Pattern OWN_REASON = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3}) .*");

    private BounceComposer() {
    }

    public static byte[] compose(Action action, String hostname, String reportId, Original original,
            List<Reported> recipients, ZonedDateTime now) {
        String boundary = reportId + "/" + hostname;
        boolean returnsAll = action == Action.FAILED && original.fullContent();
        StringBuilder m = new StringBuilder(2048);
        m.append("From: Mail Delivery System <MAILER-DAEMON@").append(hostname).append(">\r\n");
        m.append("To: <").append(original.sender()).append(">\r\n");
        m.append("Subject: ").append(switch (action) {
            case FAILED -> "Undelivered Mail Returned to Sender";
            case DELAYED -> "Delayed Mail (still being retried)";
            case RELAYED -> "Successful Mail Delivery Report";
        }).append("\r\n");
        m.append("Date: ").append(DATE.format(now)).append("\r\n");
        m.append("Message-ID: <").append(reportId).append('@').append(hostname).append(">\r\n");
        m.append("Auto-Submitted: auto-replied\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"")
                .append(boundary).append("\"\r\n\r\n");
        m.append("This is a MIME-encapsulated message.\r\n\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        m.append("This is the mail system at host ").append(hostname).append(".\r\n\r\n");
        m.append(switch (action) {
            case FAILED -> "Your message could not be delivered to one or more recipients.\r\n"
                    + (returnsAll ? "It is attached below.\r\n\r\n" : "It is attached below (headers only).\r\n\r\n");
            case DELAYED -> "Your message could not be delivered yet; delivery is still being tried.\r\n"
                    + "No action is needed on your part; you will hear again only if it fails.\r\n\r\n";
            case RELAYED -> "Your message was delivered to the next mail server for the recipients below.\r\n"
                    + "That server does not report delivery status, so this is the last report\r\n"
                    + "you will have unless delivery fails further on.\r\n\r\n";
        });
        for (Reported r : recipients) {
            m.append("<").append(r.address()).append(">: ").append(r.reply()).append("\r\n");
        }
        m.append("\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n");
        if (original.envid() != null) {
            m.append("Original-Envelope-Id: ").append(Dsn.decodeXtext(original.envid())).append("\r\n");
        }
        m.append("Reporting-MTA: dns; ").append(hostname).append("\r\n");
        m.append("X-Mxgate-Queue-ID: ").append(original.queueId()).append("\r\n");
        m.append("Arrival-Date: ").append(DATE.format(original.arrival())).append("\r\n");
        for (Reported r : recipients) {
            m.append("\r\n");
            if (r.orcpt() != null) {
                int semi = r.orcpt().indexOf(';');
                m.append("Original-Recipient: ").append(r.orcpt(), 0, semi).append(';')
                        .append(Dsn.decodeXtext(r.orcpt().substring(semi + 1))).append("\r\n");
            }
            m.append("Final-Recipient: rfc822; ").append(r.address()).append("\r\n");
            m.append("Action: ").append(action.name().toLowerCase(Locale.ROOT)).append("\r\n");
            String status = status(r.reply());
            m.append("Status: ").append(switch (action) {
                case FAILED -> status;
                case DELAYED -> status.replaceFirst("^5", "4");
                case RELAYED -> status.startsWith("2") ? status : "2.0.0";
            }).append("\r\n");
            if (SMTP_REPLY.matcher(r.reply()).matches()) {
                m.append("Diagnostic-Code: smtp; ").append(r.reply()).append("\r\n");
            } else {
                m.append("Diagnostic-Code: x-mxgate; ").append(r.reply()).append("\r\n");
            }
        }
        m.append("\r\n");

        m.append("--").append(boundary).append("\r\n");
        byte[] tail;
        if (returnsAll) {
            m.append("Content-Description: Undelivered Message\r\nContent-Type: message/rfc822\r\n\r\n");
            tail = original.content();
        } else {
            m.append("Content-Description: ").append(action == Action.FAILED ? "Undelivered" : "Delivered")
                    .append(" Message Headers\r\nContent-Type: text/rfc822-headers\r\n\r\n");
            tail = headerSection(original.content()).getBytes(StandardCharsets.US_ASCII);
        }
        byte[] head = m.toString().getBytes(StandardCharsets.UTF_8);
        byte[] end = (endsWithLineBreak(tail) ? "" : "\r\n").concat("\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] report = new byte[head.length + tail.length + end.length];
        System.arraycopy(head, 0, report, 0, head.length);
        System.arraycopy(tail, 0, report, head.length, tail.length);
        System.arraycopy(end, 0, report, head.length + tail.length, end.length);
        return report;
    }

    private static boolean endsWithLineBreak(byte[] b) {
        return b.length >= 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n';
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
