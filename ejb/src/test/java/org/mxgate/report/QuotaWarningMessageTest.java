package org.mxgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewaySpec;
import org.mxgate.mail.Mime;
import org.mxgate.queue.Usage;

class QuotaWarningMessageTest {

    @Test
    void namesTheGatewayItsUsageAndItsLimits() throws Exception {
        Gateway g = new Gateway("full.test", java.time.LocalDateTime.now());
        g.change(new GatewaySpec(null, null, null, null, null, null, 10L, null, null, null, null, null, null, null));
        MimeMessage m = Mime.parse(QuotaWarningMessage.compose("gw.example.net", "ops@full.test", "full.test",
                new Usage(9, 20480), g.limits(), 90, ZonedDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC)));
        assertThat(m.getSubject()).isEqualTo("mxgate: the gateway for full.test is at 90 % of its quota");
        assertThat(m.getHeader("To", null)).isEqualTo("<ops@full.test>");
        assertThat(m.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(m.getMessageID()).matches("<quota\\.[0-9a-f]{32}@gw\\.example\\.net>");
        assertThat((String) m.getContent()).contains("Messages stored: 9 of at most 10\r\n")
                .contains("Bytes stored:    20480 (no limit)\r\n").contains("(452 4.2.2)");
    }
}
