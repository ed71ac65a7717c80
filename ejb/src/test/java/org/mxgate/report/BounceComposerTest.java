package org.mxgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.junit.jupiter.api.Test;
import org.mxgate.mail.DeliveryReport;
import org.mxgate.mail.Mime;

/** Reports are read back with Jakarta Mail, as a mail client would read them. */
class BounceComposerTest {

    private static final ZonedDateTime ARRIVAL = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final ZonedDateTime NOW = ARRIVAL.plusMinutes(5);

    private static final byte[] ORIGINAL = ("Received: from x\r\nSubject: plain\r\n"
            + "Message-ID: <orig@sender.test>\r\n\r\nsecret body\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EIGHT_BIT = ("Received: from x\r\nSubject: Gr\u00fc\u00dfe\r\n"
            + "Message-ID: <orig@sender.test>\r\n\r\nsecret b\u00f6dy\r\n").getBytes(StandardCharsets.ISO_8859_1);

    private static byte[] compose(DeliveryReport.Action action, String envid, boolean full, byte[] original,
            List<DeliveryReport.Reported> recipients) {
        return BounceComposer.compose(action, "gw.example.net", "B1",
                new DeliveryReport.Original("Q1", "alice@sender.test", envid, full, ARRIVAL, original), recipients, NOW);
    }

    private static byte[] content(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String text(BodyPart part) throws Exception {
        return new String(content(part), StandardCharsets.ISO_8859_1);
    }

    /** The report, its three parts, checked for the RFC 3464 shape. */
    private static MimeMultipart parts(MimeMessage report) throws Exception {
        ContentType type = new ContentType(report.getContentType());
        assertThat(type.getBaseType()).isEqualTo("multipart/report");
        assertThat(type.getParameter("report-type")).isEqualTo("delivery-status");
        MimeMultipart parts = (MimeMultipart) report.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(1).isMimeType("message/delivery-status")).isTrue();
        return parts;
    }

    private static DeliveryStatus status(MimeMultipart parts) throws Exception {
        try (InputStream in = parts.getBodyPart(1).getInputStream()) {
            return new DeliveryStatus(in);
        }
    }

    @Test
    void reportsEachFailedRecipientInAMultipartReport() throws Exception {
        byte[] bytes = compose(DeliveryReport.Action.FAILED, null, false, ORIGINAL, List.of(
                new DeliveryReport.Reported("bob@example.test", null, "550 5.1.1 <bob@example.test>: no such user"),
                new DeliveryReport.Reported("carl@example.test", null, "5.4.6 mail for example.test loops back to myself")));
        MimeMessage report = Mime.parse(bytes);
        assertThat(report.getHeader("From", null)).isEqualTo("Mail Delivery System <MAILER-DAEMON@gw.example.net>");
        assertThat(report.getHeader("To", null)).isEqualTo("<alice@sender.test>");
        assertThat(report.getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(report.getMessageID()).isEqualTo("<B1@gw.example.net>");
        assertThat(report.getHeader("Date", null)).isEqualTo("Tue, 24 Nov 2026 10:05:00 +0000");
        assertThat(report.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(Mime.isEightBit(bytes)).isFalse();
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).as("fields in the order RFC 3464 lists them").contains(
                "\r\n\r\nReporting-MTA: dns; gw.example.net\r\nX-Mxgate-Queue-ID: Q1\r\nArrival-Date: ",
                "\r\n\r\nFinal-Recipient: rfc822; bob@example.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.test>: no such user\r\n");

        MimeMultipart parts = parts(report);
        assertThat(text(parts.getBodyPart(0))).contains("<bob@example.test>: 550 5.1.1 <bob@example.test>: no such user");
        DeliveryStatus status = status(parts);
        assertThat(status.getMessageDSN().getHeader("Reporting-MTA", null)).isEqualTo("dns; gw.example.net");
        assertThat(status.getMessageDSN().getHeader("Arrival-Date", null)).isEqualTo("Tue, 24 Nov 2026 10:00:00 +0000");
        assertThat(status.getMessageDSN().getHeader("Original-Envelope-Id")).isNull();
        assertThat(status.getRecipientDSNCount()).isEqualTo(2);
        InternetHeaders bob = status.getRecipientDSN(0);
        assertThat(bob.getHeader("Final-Recipient", null)).isEqualTo("rfc822; bob@example.test");
        assertThat(bob.getHeader("Action", null)).isEqualTo("failed");
        assertThat(bob.getHeader("Status", null)).isEqualTo("5.1.1");
        assertThat(bob.getHeader("Diagnostic-Code", null)).isEqualTo("smtp; 550 5.1.1 <bob@example.test>: no such user");
        assertThat(bob.getHeader("Original-Recipient")).isNull();
        InternetHeaders carl = status.getRecipientDSN(1);
        assertThat(carl.getHeader("Status", null)).isEqualTo("5.4.6");
        assertThat(carl.getHeader("Diagnostic-Code", null))
                .isEqualTo("x-mxgate; 5.4.6 mail for example.test loops back to myself");

        BodyPart returned = parts.getBodyPart(2);
        assertThat(returned.isMimeType("text/rfc822-headers")).isTrue();
        assertThat(text(returned)).startsWith("Received: from x\r\nSubject: plain\r\nMessage-ID: <orig@sender.test>\r\n")
                .doesNotContain("secret body");
    }

    @Test
    void retFullReturnsTheWholeMessageAndTheDsnIdentifiersAreDecoded() throws Exception {
        MimeMessage report = Mime.parse(compose(DeliveryReport.Action.FAILED, "QQ+2B314", true, ORIGINAL,
                List.of(new DeliveryReport.Reported("bob@example.test", "rfc822;bob+2Bold@example.test",
                        "550 5.1.1 no such user"))));
        MimeMultipart parts = parts(report);
        DeliveryStatus status = status(parts);
        assertThat(status.getMessageDSN().getHeader("Original-Envelope-Id", null)).isEqualTo("QQ+314");
        assertThat(status.getRecipientDSN(0).getHeader("Original-Recipient", null)).isEqualTo("rfc822;bob+old@example.test");
        BodyPart returned = parts.getBodyPart(2);
        assertThat(returned.isMimeType("message/rfc822")).isTrue();
        assertThat(content(returned)).as("the original, octet for octet").isEqualTo(ORIGINAL);
    }

    @Test
    void anEightBitOriginalIsReturnedAsItCameAndLabelled8bit() throws Exception {
        byte[] bytes = compose(DeliveryReport.Action.FAILED, null, true, EIGHT_BIT,
                List.of(new DeliveryReport.Reported("bob@example.test", null, "550 5.1.1 no such user")));
        MimeMessage report = Mime.parse(bytes);
        assertThat(report.getHeader("Content-Transfer-Encoding", null)).isEqualTo("8bit");
        BodyPart returned = parts(report).getBodyPart(2);
        assertThat(returned.getHeader("Content-Transfer-Encoding")).containsExactly("8bit");
        assertThat(content(returned)).isEqualTo(EIGHT_BIT);

        MimeMessage headersOnly = Mime.parse(compose(DeliveryReport.Action.FAILED, null, false, EIGHT_BIT,
                List.of(new DeliveryReport.Reported("bob@example.test", null, "550 5.1.1 no such user"))));
        BodyPart headers = parts(headersOnly).getBodyPart(2);
        assertThat(headers.getHeader("Content-Transfer-Encoding")).containsExactly("8bit");
        assertThat(content(headers)).startsWith("Received: from x\r\nSubject: Gr\u00fc\u00dfe\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(text(headers)).doesNotContain("secret");
    }

    @Test
    void aRelayedReportSaysSoWithASuccessStatusAndOnlyTheHeaders() throws Exception {
        MimeMessage report = Mime.parse(compose(DeliveryReport.Action.RELAYED, null, true, ORIGINAL, List.of(
                new DeliveryReport.Reported("bob@example.test", null, "250 2.0.0 Ok: queued as 7"))));
        assertThat(report.getSubject()).isEqualTo("Successful Mail Delivery Report");
        MimeMultipart parts = parts(report);
        InternetHeaders bob = status(parts).getRecipientDSN(0);
        assertThat(bob.getHeader("Action", null)).isEqualTo("relayed");
        assertThat(bob.getHeader("Status", null)).isEqualTo("2.0.0");
        assertThat(parts.getBodyPart(2).isMimeType("text/rfc822-headers")).isTrue();
        assertThat(text(parts.getBodyPart(2))).doesNotContain("secret body");
    }

    @Test
    void aDelayWarningSaysDelayedWithATemporaryStatus() throws Exception {
        MimeMessage warning = Mime.parse(compose(DeliveryReport.Action.DELAYED, null, true,
                "Subject: slow\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII),
                List.of(new DeliveryReport.Reported("bob@example.test", null, "4.4.1 connect to mx: refused"))));
        assertThat(warning.getSubject()).isEqualTo("Delayed Mail (still being retried)");
        MimeMultipart parts = parts(warning);
        InternetHeaders bob = status(parts).getRecipientDSN(0);
        assertThat(bob.getHeader("Action", null)).isEqualTo("delayed");
        assertThat(bob.getHeader("Status", null)).isEqualTo("4.4.1");
        assertThat(text(parts.getBodyPart(2))).contains("Subject: slow\r\n").doesNotContain("body");
    }

    @Test
    void statusComesFromTheReplyOrItsClass() {
        assertThat(BounceComposer.status("550 5.7.1 denied")).isEqualTo("5.7.1");
        assertThat(BounceComposer.status("554 transaction failed")).isEqualTo("5.0.0");
        assertThat(BounceComposer.status("4.4.7 message expired after P5D; last reply: 4.4.1 connect")).isEqualTo("5.4.7");
        assertThat(BounceComposer.status("something else")).isEqualTo("5.0.0");
    }
}
