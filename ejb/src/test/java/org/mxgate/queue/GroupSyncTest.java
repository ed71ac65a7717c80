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
    void aSyncRunForOneTicketCoversTheTicketsTakenBeforeItBegan() {
        List<String> log = new ArrayList<>();
        GroupSync sync = new GroupSync(() -> log.add("sync"));
        long first = sync.ticket();
        long second = sync.ticket();
        sync.await(first);
        sync.await(second);
        assertThat(log).as("the second was committed before the first's sync began").hasSize(1);
        long third = sync.ticket();
        sync.await(third);
        assertThat(log).as("taken after it: a sync of its own").hasSize(2);
        sync.await(second);
        assertThat(sync.syncs()).isEqualTo(2);
    }

    @Test
    void aTicketTakenWhileASyncRunsWaitsForTheNextOne() throws Exception {
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicLong runs = new AtomicLong();
        GroupSync sync = new GroupSync(() -> {
            if (runs.incrementAndGet() == 1) {
                running.countDown();
                await(release);
            }
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        long first = sync.ticket();
        Future<?> firstDone = pool.submit(() -> sync.await(first));
        running.await();
        long late = sync.ticket(); // committed after the running sync began: not covered by it
        release.countDown();
        firstDone.get();
        sync.await(late);
        assertThat(runs.get()).isEqualTo(2);
        pool.shutdown();
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

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
