package org.mxgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationSettingTest {

    @Test
    void readsIsoAndPostfixStyles() {
        assertThat(DurationSetting.parse("k", "PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationSetting.parse("k", "P5D")).isEqualTo(Duration.ofDays(5));
        assertThat(DurationSetting.parse("k", "300")).isEqualTo(Duration.ofSeconds(300));
        assertThat(DurationSetting.parse("k", "300s")).isEqualTo(Duration.ofSeconds(300));
        assertThat(DurationSetting.parse("k", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationSetting.parse("k", "4h")).isEqualTo(Duration.ofHours(4));
        assertThat(DurationSetting.parse("k", "5d")).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void namesTheKeyWhenTheValueIsBad() {
        assertThatThrownBy(() -> DurationSetting.parse("mxgate.queue.minimal-backoff", "soon"))
                .hasMessageContaining("mxgate.queue.minimal-backoff");
    }
}
