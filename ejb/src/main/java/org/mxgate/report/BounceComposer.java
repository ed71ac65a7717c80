package org.mxgate.report;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.mxgate.mail.DeliveryReport.Action;
import org.mxgate.mail.DeliveryReport.Original;
import org.mxgate.mail.DeliveryReport.Reported;
import org.mxgate.mail.Dsn;
import org.mxgate.mail.Mime;

/**
 * Writes delivery status notifications (RFC 3464) with Jakarta Mail: a {@code multipart/report}
 * with a human-readable part, a {@code message/delivery-status} part with one block per
 * recipient, and the original message (its header section, or all of it for a failure when the
 * sender asked RET=FULL). The action is {@code failed} for a bounce, {@code delayed} for a delay
 * warning and {@code relayed} when a next hop without DSN took mail whose sender asked to hear
 * of success. An original with octets outside US-ASCII is returned as it came, labelled
 * {@code 8bit} (RFC 2045 allows no other encoding for {@code message/rfc822}); delivery then
 * asks for 8BITMIME or converts, as for any message. Sent from the null sender, so it is never
 * bounced itself.
 */
public final class BounceComposer {

    private static final Pattern SMTP_REPLY = Pattern.compile("^(\\d{3}) (?:([245]\\.\\d{1,3}\\.\\d{1,3}) )?.*");
    private static final Pattern OWN_REASON = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3}) .*");

    private BounceComposer() {
    }

    public static byte[] compose(Action action, String hostname, String reportId, Original original,
            List<Reported> recipients, ZonedDateTime now) {
        try {
            return Mime.bytes(report(action, hostname, reportId, original, recipients, now));
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("delivery report could not be composed", e);
        }
    }

    private static MimeMessage report(Action action, String hostname, String reportId, Original original,
            List<Reported> recipients, ZonedDateTime now) throws MessagingException, UnsupportedEncodingException {
        boolean returnsAll = action == Action.FAILED && original.fullContent();
        MimeMessage report = Mime.compose(reportId + "@" + hostname);
        report.setFrom(new InternetAddress("MAILER-DAEMON@" + hostname, "Mail Delivery System", "us-ascii"));
        report.setHeader("To", "<" + original.sender() + ">");
        report.setSubject(switch (action) {
            case FAILED -> "Undelivered Mail Returned to Sender";
            case DELAYED -> "Delayed Mail (still being retried)";
            case RELAYED -> "Successful Mail Delivery Report";
        }, "us-ascii");
        report.setHeader("Date", Mime.DATE.format(now));
        report.setHeader("Auto-Submitted", "auto-replied");

        String text = notification(action, hostname, returnsAll, recipients);
        byte[] returned = returnsAll ? original.content() : headerSection(original.content());
        DeliveryStatus status = status(action, hostname, original, recipients);
        MultipartReport parts = new MultipartReport(text, status, Mime.fields());
        // the parts hold bytes, so that writing them needs no content handler from the container's
        // mailcap; the status as DeliveryStatus writes itself, the original octet for octet
        ((MimeBodyPart) parts.getBodyPart(1)).setDataHandler(new DataHandler(new ByteArrayDataSource(
                written(status), "message/delivery-status")));
        MimeBodyPart copy = (MimeBodyPart) parts.getBodyPart(2);
        copy.setDataHandler(new DataHandler(new ByteArrayDataSource(returned,
                returnsAll ? "message/rfc822" : "text/rfc822-headers")));
        parts.getBodyPart(0).setDescription("Notification");
        parts.getBodyPart(1).setDescription("Delivery report");
        copy.setDescription(returnsAll ? "Undelivered Message"
                : (action == Action.FAILED ? "Undelivered" : "Delivered") + " Message Headers");
        report.setContent(parts);
        if (Mime.isEightBit(returned)) {
            copy.setHeader("Content-Transfer-Encoding", "8bit");
            report.setHeader("Content-Transfer-Encoding", "8bit");
        } else if (returnsAll) {
            copy.setHeader("Content-Transfer-Encoding", "7bit");
        }
        return report;
    }

    private static String notification(Action action, String hostname, boolean returnsAll, List<Reported> recipients) {
        StringBuilder m = new StringBuilder(512);
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
        return m.toString();
    }

    private static DeliveryStatus status(Action action, String hostname, Original original, List<Reported> recipients)
            throws MessagingException {
        DeliveryStatus status = new DeliveryStatus();
        InternetHeaders message = Mime.fields();
        if (original.envid() != null) {
            message.addHeader("Original-Envelope-Id", Dsn.decodeXtext(original.envid()));
        }
        message.addHeader("Reporting-MTA", "dns; " + hostname);
        message.addHeader("X-Mxgate-Queue-ID", original.queueId());
        message.addHeader("Arrival-Date", Mime.DATE.format(original.arrival()));
        status.setMessageDSN(message);
        for (Reported r : recipients) {
            InternetHeaders block = Mime.fields();
            if (r.orcpt() != null) {
                int semi = r.orcpt().indexOf(';');
                block.addHeader("Original-Recipient", r.orcpt().substring(0, semi) + ";"
                        + Dsn.decodeXtext(r.orcpt().substring(semi + 1)));
            }
            block.addHeader("Final-Recipient", "rfc822; " + r.address());
            block.addHeader("Action", action.name().toLowerCase(Locale.ROOT));
            String code = status(r.reply());
            block.addHeader("Status", switch (action) {
                case FAILED -> code;
                case DELAYED -> code.replaceFirst("^5", "4");
                case RELAYED -> code.startsWith("2") ? code : "2.0.0";
            });
            block.addHeader("Diagnostic-Code", (SMTP_REPLY.matcher(r.reply()).matches() ? "smtp; " : "x-mxgate; ")
                    + r.reply());
            status.addRecipientDSN(block);
        }
        return status;
    }

    private static byte[] written(DeliveryStatus status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            status.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The original's header section as Jakarta Mail reads it, the octets of each field as they came. */
    private static byte[] headerSection(byte[] original) {
        StringBuilder section = new StringBuilder(1024);
        Enumeration<String> lines = Mime.headers(original).getAllHeaderLines();
        while (lines.hasMoreElements()) {
            section.append(lines.nextElement()).append("\r\n");
        }
        return section.toString().getBytes(StandardCharsets.ISO_8859_1);
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
}
