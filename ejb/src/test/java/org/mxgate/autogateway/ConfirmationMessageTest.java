package org.mxgate.autogateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConfirmationMessageTest {

    @Test
    void namesTheDomainTheClientTheMxRecordsAndCarriesTheLinkAndToken() {
        String token = "0123456789abcdef0123456789abcdef01234567";
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
        String text = new String(ConfirmationMessage.compose("gw.example.net", "https://gw.example.net", "ops@example.net",
                "example.org", "192.0.2.9", "alice@example.com", "10 mx.example.org [198.51.100.1]; 20 gw.example.net "
                        + "[192.0.2.25]", token, LocalDateTime.of(2026, 11, 24, 11, 0), clock), StandardCharsets.US_ASCII);
        assertThat(text).contains("From: mxgate <postmaster@gw.example.net>\r\n").contains("To: <ops@example.net>\r\n")
                .contains("Reply-To: confirm+" + token + "@gw.example.net\r\n")
                .contains("Subject: mxgate: confirm the new gateway for example.org\r\n")
                .contains("Content-Type: text/plain; charset=us-ascii\r\n")
                .contains("Sending client: [192.0.2.9]\r\n").contains("Sender:         <alice@example.com>\r\n")
                .contains("MX records:     10 mx.example.org [198.51.100.1]; 20 gw.example.net [192.0.2.25]\r\n")
                .contains("confirmed by Tue, 24 Nov 2026 11:00:00 +0000")
                .contains("  https://gw.example.net/confirm.xhtml?token=" + token + "\r\n")
                .endsWith("Confirmation token: " + token + "\r\n");
        assertThat(text.lines()).allMatch(l -> l.length() <= 998);
    }

    @Test
    void messageIdRevealsNoPartOfTheToken() {
        String token = "0123456789abcdef0123456789abcdef01234567";
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
        String text = new String(ConfirmationMessage.compose("gw.example.net", "https://gw.example.net", "ops@example.net",
                "example.org", "192.0.2.9", "alice@example.com", "10 mx.example.org", token,
                LocalDateTime.of(2026, 11, 24, 11, 0), clock), StandardCharsets.US_ASCII);
        String messageId = text.lines().filter(l -> l.startsWith("Message-ID: ")).findFirst().orElseThrow();
        assertThat(messageId).matches("Message-ID: <confirm\\.[0-9a-f]{32}@gw\\.example\\.net>");
        for (int i = 0; i + 8 <= token.length(); i++) {
            assertThat(messageId).as("token part at %d", i).doesNotContain(token.substring(i, i + 8));
        }
    }
}
