package org.mxgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxgate.mail.DeliveryReport;

class BounceComposerTest {

    private static final ZonedDateTime ARRIVAL = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final ZonedDateTime NOW = ARRIVAL.plusMinutes(5);

    private static final byte[] ORIGINAL = ("Received: from x\r\nSubject: Gr\u00fc\u00dfe\r\n"
            + "Message-ID: <orig@sender.test>\r\n\r\nsecret body\r\n").getBytes(StandardCharsets.ISO_8859_1);

    private static String compose(DeliveryReport.Action action, String envid, boolean full,
            List<DeliveryReport.Reported> recipients) {
        return new String(BounceComposer.compose(action, "gw.example.net", "B1",
                new DeliveryReport.Original("Q1", "alice@sender.test", envid, full, ARRIVAL, ORIGINAL), recipients, NOW),
                StandardCharsets.ISO_8859_1);
    }

    private static String compose(List<DeliveryReport.Reported> failed) {
        return compose(DeliveryReport.Action.FAILED, null, false, failed);
    }

    @Test
    void reportsEachFailedRecipientInAMultipartReport() {
        String report = compose(List.of(
                new DeliveryReport.Reported("bob@example.test", null, "550 5.1.1 <bob@example.test>: no such user"),
                new DeliveryReport.Reported("carl@example.test", null, "5.4.6 mail for example.test loops back to myself")));
        assertThat(report).startsWith("From: Mail Delivery System <MAILER-DAEMON@gw.example.net>\r\n"
                + "To: <alice@sender.test>\r\n");
        assertThat(report).contains("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"B1/gw.example.net\"");
        assertThat(report).contains("Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; gw.example.net\r\n");
        assertThat(report).contains("\r\nFinal-Recipient: rfc822; bob@example.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.test>: no such user\r\n");
        assertThat(report).contains("\r\nFinal-Recipient: rfc822; carl@example.test\r\nAction: failed\r\nStatus: 5.4.6\r\n"
                + "Diagnostic-Code: x-mxgate; 5.4.6 mail for example.test loops back to myself\r\n");
        assertThat(report).contains("Content-Type: text/rfc822-headers\r\n\r\nReceived: from x\r\nSubject: Gr??e\r\n"
                + "Message-ID: <orig@sender.test>\r\n");
        assertThat(report).doesNotContain("secret body").doesNotContain("Original-").endsWith("\r\n\r\n--B1/gw.example.net--\r\n");
    }

    @Test
    void retFullReturnsTheWholeMessageAndTheDsnIdentifiersAreDecoded() {
        String report = compose(DeliveryReport.Action.FAILED, "QQ+2B314", true, List.of(new DeliveryReport.Reported(
                "bob@example.test", "rfc822;bob+2Bold@example.test", "550 5.1.1 no such user")));
        assertThat(report).contains("Content-Type: message/delivery-status\r\n\r\nOriginal-Envelope-Id: QQ+314\r\n"
                + "Reporting-MTA: dns; gw.example.net\r\n");
        assertThat(report).contains("\r\nOriginal-Recipient: rfc822;bob+old@example.test\r\n"
                + "Final-Recipient: rfc822; bob@example.test\r\nAction: failed\r\n");
        assertThat(report).contains("Content-Type: message/rfc822\r\n\r\n" + new String(ORIGINAL,
                StandardCharsets.ISO_8859_1) + "\r\n--B1/gw.example.net--\r\n");
    }

    @Test
    void aRelayedReportSaysSoWithASuccessStatusAndOnlyTheHeaders() {
        String report = compose(DeliveryReport.Action.RELAYED, null, true, List.of(
                new DeliveryReport.Reported("bob@example.test", null, "250 2.0.0 Ok: queued as 7")));
        assertThat(report).contains("Subject: Successful Mail Delivery Report\r\n")
                .contains("Final-Recipient: rfc822; bob@example.test\r\nAction: relayed\r\nStatus: 2.0.0\r\n"
                        + "Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 7\r\n")
                .contains("Content-Type: text/rfc822-headers").doesNotContain("secret body");
    }

    @Test
    void aDelayWarningSaysDelayedWithATemporaryStatus() {
        byte[] original = "Subject: slow\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        String warning = new String(BounceComposer.compose(DeliveryReport.Action.DELAYED, "gw.example.net", "D1",
                new DeliveryReport.Original("Q1", "alice@sender.test", null, true, ARRIVAL, original),
                List.of(new DeliveryReport.Reported("bob@example.test", null, "4.4.1 connect to mx: refused")), NOW),
                StandardCharsets.UTF_8);
        assertThat(warning).contains("Subject: Delayed Mail (still being retried)\r\n")
                .contains("Final-Recipient: rfc822; bob@example.test\r\nAction: delayed\r\nStatus: 4.4.1\r\n")
                .contains("Subject: slow\r\n").doesNotContain("Action: failed").doesNotContain("body");
    }

    @Test
    void statusComesFromTheReplyOrItsClass() {
        assertThat(BounceComposer.status("550 5.7.1 denied")).isEqualTo("5.7.1");
        assertThat(BounceComposer.status("554 transaction failed")).isEqualTo("5.0.0");
        assertThat(BounceComposer.status("4.4.7 message expired after P5D; last reply: 4.4.1 connect")).isEqualTo("5.4.7");
        assertThat(BounceComposer.status("something else")).isEqualTo("5.0.0");
    }
}
