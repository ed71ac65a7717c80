package org.mxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayDirectoryTest {

    private final Map<String, Gateway> stored = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private long now = 1_000_000_000L;
    private Runnable duringRead = () -> { };

    private final GatewayDirectory directory = new GatewayDirectory(domain -> {
        reads.add(domain);
        duringRead.run();
        return Optional.ofNullable(stored.get(domain));
    }, () -> now);

    @Test
    void anAnswerIsReadOnceAndUsedForASecondWhateverTheCase() {
        stored.put("a.test", new Gateway("a.test", LocalDateTime.now()));

        assertThat(directory.find("a.test")).isPresent();
        now += GatewayDirectory.FRESH.toNanos() - 1;
        assertThat(directory.find("A.Test")).isPresent();
        assertThat(reads).containsExactly("a.test");

        now += 1;
        assertThat(directory.find("a.test")).isPresent();
        assertThat(reads).containsExactly("a.test", "a.test");
    }

    @Test
    void thatThereIsNoGatewayIsKeptTooUntilOneIsWrittenHere() {
        assertThat(directory.find("new.test")).isEmpty();
        stored.put("new.test", new Gateway("new.test", LocalDateTime.now()));
        assertThat(directory.find("new.test")).isEmpty(); // another instance's change: seen within a second

        directory.written("NEW.test");

        assertThat(directory.find("new.test")).isPresent();
        assertThat(reads).hasSize(2);
    }

    @Test
    void anAnswerReadWhileAGatewayWasWrittenIsNotKept() {
        duringRead = () -> directory.written("other.test");

        directory.find("a.test");
        duringRead = () -> { };
        directory.find("a.test");
        directory.find("a.test");

        assertThat(reads).containsExactly("a.test", "a.test");
    }

    @Test
    void rcptsToEverNewDomainsDoNotFillTheMemory() {
        for (int i = 0; i < 3 * GatewayDirectory.MAX_ANSWERS; i++) {
            directory.find("random" + i + ".test");
            now += 1_000_000; // a thousand a second
        }
        assertThat(directory.remembered()).isLessThanOrEqualTo(GatewayDirectory.MAX_ANSWERS);

        for (int i = 0; i < 2 * GatewayDirectory.MAX_ANSWERS; i++) {
            directory.find("burst" + i + ".test"); // all at once: nothing has aged
        }
        assertThat(directory.remembered()).isLessThanOrEqualTo(GatewayDirectory.MAX_ANSWERS);
    }

    @Test
    void noDomainHasNoGatewayAndIsNotAsked() {
        assertThat(directory.find(null)).isEmpty();
        assertThat(reads).isEmpty();
    }
}
