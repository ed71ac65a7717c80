package org.mxgate.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ShowTest {

    private final Show show = new Show();

    @Test
    void timesReadAsAnOperatorSaysThem() {
        show.clock = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneId.of("UTC"));
        LocalDateTime now = LocalDateTime.now(show.clock);
        assertThat(show.ago(now)).isEqualTo("just now");
        assertThat(show.ago(now.minusSeconds(42))).isEqualTo("42 s ago");
        assertThat(show.ago(now.minusMinutes(5))).isEqualTo("5 min ago");
        assertThat(show.ago(now.minusHours(3))).isEqualTo("3 h ago");
        assertThat(show.ago(now.minusMinutes(190))).isEqualTo("3 h 10 min ago");
        assertThat(show.ago(now.minusDays(4))).isEqualTo("4 d ago");
        assertThat(show.ago(now.plusMinutes(15))).isEqualTo("in 15 min");
        assertThat(show.ago(null)).isEmpty();
        assertThat(Show.span(Duration.ofHours(30))).isEqualTo("30 h");
    }

    @Test
    void sizesInKilobytesAndMegabytes() {
        assertThat(Show.size(0)).isEqualTo("0 B");
        assertThat(Show.size(1023)).isEqualTo("1023 B");
        assertThat(Show.size(1536)).isEqualTo("1.5 KB");
        assertThat(Show.size(250 * 1024)).isEqualTo("250 KB");
        assertThat(Show.size(5L * 1024 * 1024 + 200_000)).isEqualTo("5.2 MB");
        assertThat(Show.size(3L << 30)).isEqualTo("3.0 GB");
    }
}
