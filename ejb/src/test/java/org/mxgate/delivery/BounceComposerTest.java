package org.mxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class BounceComposerTest {

    private static final ZonedDateTime ARRIVAL = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final ZonedDateTime NOW = ARRIVAL.plusMinutes(5);

    private static String compose(List<BounceComposer.FailedRecipient> failed) {
        byte[] original = ("Received: from x\r\nSubject: Gr\u00fc\u00dfe\r\nMessage-ID: <orig@sender.test>\r\n\r\n"
                + "secret body\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return new String(BounceComposer.compose("gw.example.net", "Q1", "B1", "alice@sender.test", failed, ARRIVAL,
                NOW, original), StandardCharsets.UTF_8);
    }

    @Test
    void reportsEachFailedRecipientInAMultipartReport() {
        String report = compose(List.of(
                new BounceComposer.FailedRecipient("bob@example.test", "550 5.1.1 <bob@example.test>: no such user"),
                new BounceComposer.FailedRecipient("carl@example.test", "5.4.6 mail for example.test loops back to myself")));
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
        assertThat(report).doesNotContain("secret body").endsWith("--B1/gw.example.net--\r\n");
    }

    @Test
    void aDelayWarningSaysDelayedWithATemporaryStatus() {
        byte[] original = "Subject: slow\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        String warning = new String(BounceComposer.composeDelay("gw.example.net", "Q1", "D1", "alice@sender.test",
                List.of(new BounceComposer.FailedRecipient("bob@example.test", "4.4.1 connect to mx: refused")),
                ARRIVAL, NOW, original), StandardCharsets.UTF_8);
        assertThat(warning).contains("Subject: Delayed Mail (still being retried)\r\n")
                .contains("Final-Recipient: rfc822; bob@example.test\r\nAction: delayed\r\nStatus: 4.4.1\r\n")
                .contains("Subject: slow\r\n").doesNotContain("Action: failed");
    }

    @Test
    void statusComesFromTheReplyOrItsClass() {
        assertThat(BounceComposer.status("550 5.7.1 denied")).isEqualTo("5.7.1");
        assertThat(BounceComposer.status("554 transaction failed")).isEqualTo("5.0.0");
        assertThat(BounceComposer.status("4.4.7 message expired after P5D; last reply: 4.4.1 connect")).isEqualTo("5.4.7");
        assertThat(BounceComposer.status("something else")).isEqualTo("5.0.0");
    }
}
