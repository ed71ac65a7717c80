package org.mxgate.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictsTest {

    private static RuntimeException wrapped(String sqlState) {
        return new IllegalStateException("transaction rolled back",
                new RuntimeException("database exception", new SQLException("ERROR: deadlock detected", sqlState)));
    }

    @Test
    void aTransactionAbortedByAConflictRunsAgain() {
        AtomicInteger calls = new AtomicInteger();
        int result = Conflicts.retried(() -> {
            if (calls.incrementAndGet() < 3) {
                throw wrapped(calls.get() == 1 ? "40P01" : "40001");
            }
            return 42;
        });
        assertThat(result).isEqualTo(42);
        assertThat(calls).hasValue(3);
    }

    @Test
    void otherFailuresAndAConflictThatPersistsAreThrown() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Conflicts.retried(() -> {
            calls.incrementAndGet();
            throw wrapped("23505");
        })).hasRootCauseMessage("ERROR: deadlock detected");
        assertThat(calls).as("a unique violation is no conflict").hasValue(1);
        calls.set(0);
        assertThatThrownBy(() -> Conflicts.retried(() -> {
            calls.incrementAndGet();
            throw wrapped("40P01");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(3);
    }
}
