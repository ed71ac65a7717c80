package org.mxgate.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupSyncTest {

    @Test
    void everyCallerReturnsOnlyAfterASyncThatBeganAfterItArrived() throws Exception {
        AtomicLong started = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        GroupSync sync = new GroupSync(() -> {
            started.incrementAndGet();
            sleep(2);
            finished.incrementAndGet();
        });
        int callers = 32;
        int rounds = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            results.add(pool.submit(() -> {
                for (int i = 0; i < rounds; i++) {
                    long begunBefore = started.get();
                    sync.await();
                    // a sync that had begun before this call does not count for it
                    if (finished.get() <= begunBefore) {
                        return false;
                    }
                }
                return true;
            }));
        }
        for (Future<Boolean> r : results) {
            assertThat(r.get()).isTrue();
        }
        pool.shutdown();
        assertThat(sync.syncs()).as("syncs shared between callers").isLessThan(callers * rounds / 4);
    }

    @Test
    void aFailedSyncFailsItsRunnerAndTheNextCallerSyncsAgain() {
        AtomicBoolean fail = new AtomicBoolean(true);
        GroupSync sync = new GroupSync(() -> {
            if (fail.getAndSet(false)) {
                throw new IllegalStateException("disk gone");
            }
        });
        assertThatThrownBy(sync::await).hasMessageContaining("disk gone");
        sync.await();
        assertThat(sync.syncs()).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
