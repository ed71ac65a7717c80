package org.mxgate.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExpiringMapTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void aValueIsKeptUntilItsTimeIsUp() {
        ExpiringMap<String, String> map = new ExpiringMap<>(10, now::get);
        map.put("a", "1", Duration.ofSeconds(5));
        assertThat(map.get("a")).hasValue("1");
        now.set(Duration.ofSeconds(5).toNanos() - 1);
        assertThat(map.get("a")).hasValue("1");
        now.set(Duration.ofSeconds(5).toNanos());
        assertThat(map.get("a")).isEmpty();
        assertThat(map.get("b")).isEmpty();
    }

    @Test
    void whenFullTheStaleGoFirstAndThenAll() {
        ExpiringMap<String, Integer> map = new ExpiringMap<>(3, now::get);
        map.put("stale", 0, Duration.ofSeconds(1));
        map.put("b", 1, Duration.ofMinutes(1));
        map.put("c", 2, Duration.ofMinutes(1));
        now.set(Duration.ofSeconds(2).toNanos());
        map.put("d", 3, Duration.ofMinutes(1));
        assertThat(map.size()).isEqualTo(3);
        assertThat(map.get("b")).hasValue(1);
        map.put("e", 4, Duration.ofMinutes(1));
        assertThat(map.size()).as("none stale: all let go").isEqualTo(1);
        assertThat(map.get("e")).hasValue(4);
        map.removeIf(k -> k.equals("e"));
        assertThat(map.get("e")).isEmpty();
    }
}
