package org.mxgate.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ReceivedHeaderTest {

    private static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 11, 24, 18, 5, 9, 0, ZoneOffset.UTC);

    private static String build(String helo, String recipient, boolean extended) {
        return new String(ReceivedHeader.build(helo, "192.0.2.7", "mx.example.net", extended ? "ESMTP" : "SMTP", "ID1", recipient, WHEN),
                StandardCharsets.US_ASCII);
    }

    @Test
    void namesClientServerProtocolIdRecipientAndDate() {
        assertThat(build("client.test", "bob@example.test", true)).isEqualTo(
                "Received: from client.test ([192.0.2.7])\r\n"
                        + "\tby mx.example.net (mxgate) with ESMTP id ID1\r\n"
                        + "\tfor <bob@example.test>;\r\n"
                        + "\tTue, 24 Nov 2026 18:05:09 +0000\r\n");
    }

    @Test
    void leavesOutTheRecipientWhenThereAreSeveral() {
        assertThat(build("client.test", null, false)).doesNotContain("for <").contains("with SMTP id ID1;");
    }

    @Test
    void cleansTheHeloNameOfAnythingThatCouldBreakTheHeader() {
        String header = build("evil\r\nX-Injected: yes\u0000" + "a".repeat(200), null, true);
        assertThat(header).doesNotContain("X-Injected: yes").doesNotContain("\u0000");
        assertThat(header.lines().findFirst().orElseThrow()).hasSizeLessThan(100);
        assertThat(build("", null, true)).startsWith("Received: from unknown ");
    }
}
