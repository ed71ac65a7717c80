package org.mxgate.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScannerHealthTest {

    @Test
    void theLastCallSaysUpOrDownAndEveryCallIsCounted() {
        ScannerHealth health = new ScannerHealth("clamd", "127.0.0.1:3310",
                Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));
        assertThat(health.state().state()).isEqualTo("UNKNOWN");
        health.record(ScanResult.skipped("clamd", "too big"));
        assertThat(health.state().state()).as("a skipped message says nothing").isEqualTo("UNKNOWN");
        health.record(ScanResult.found("clamd", "Eicar"));
        health.record(ScanResult.failed("clamd", "clamd at 127.0.0.1:3310 unreachable"));
        ScannerHealth.State down = health.state();
        assertThat(down.state()).isEqualTo("DOWN");
        assertThat(down.lastProblem()).contains("unreachable");
        assertThat(down.lastFailureAt()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        health.record(ScanResult.clean("clamd"));
        ScannerHealth.State up = health.state();
        assertThat(up.state()).isEqualTo("UP");
        assertThat(up.answered()).isEqualTo(2);
        assertThat(up.found()).isEqualTo(1);
        assertThat(up.failed()).isEqualTo(1);
        assertThat(up.lastProblem()).as("kept for the operator").contains("unreachable");
    }
}
