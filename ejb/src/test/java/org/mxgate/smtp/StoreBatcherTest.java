package org.mxgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreBatcherTest {

    private final List<List<Integer>> calls = new CopyOnWriteArrayList<>();
    /** Batches whose finish began. */
    private final List<List<Integer>> finishes = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch finishGate = new CountDownLatch(0);
    private volatile boolean finishFails;
    private StoreBatcher<Integer, String> batcher;
    private Thread writer;
    private Thread finisher;

    private void start(int maxBatch) {
        batcher = new StoreBatcher<>(items -> {
            calls.add(items);
            if (items.contains(13)) {
                throw new IllegalStateException("cannot store 13");
            }
            sleep(3); // a commit takes a while; the next batch gathers meanwhile
            return () -> {
                finishes.add(items);
                await(finishGate); // the sync
                if (finishFails) {
                    throw new IllegalStateException("sync failed");
                }
                return items.stream().map(i -> "stored " + i).toList();
            };
        }, i -> i >= 1000 ? 1000 : 1, maxBatch, 1500);
        writer = new Thread(batcher::run);
        writer.start();
        finisher = new Thread(batcher::runFinisher);
        finisher.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        finishGate.countDown();
        batcher.stop();
        writer.join(5000);
        finisher.join(5000);
    }

    @Test
    void theNextBatchIsStoredWhileThePreviousWaitsForItsSync() throws Exception {
        finishGate = new CountDownLatch(1);
        start(64);
        ExecutorService sessions = Executors.newFixedThreadPool(2);
        Future<String> first = sessions.submit(() -> batcher.store(1));
        while (finishes.isEmpty()) {
            Thread.sleep(1);
        }
        Future<String> second = sessions.submit(() -> batcher.store(2));
        while (calls.size() < 2) {
            Thread.sleep(1);
        }
        assertThat(first).isNotDone();
        finishGate.countDown();
        assertThat(first.get()).isEqualTo("stored 1");
        assertThat(second.get()).isEqualTo("stored 2");
        sessions.shutdown();
    }

    @Test
    void aFailedSyncFailsItsBatchWithoutStoringItAgain() throws Exception {
        finishFails = true;
        start(64);
        assertThatThrownBy(() -> batcher.store(5)).hasMessageContaining("sync failed");
        assertThat(calls).containsExactly(List.of(5));
    }

    @Test
    void messagesOfManySessionsAreStoredTogetherEachGettingItsOwnResult() throws Exception {
        start(64);
        ExecutorService sessions = Executors.newFixedThreadPool(20);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int item = i == 13 ? 14 : i;
            results.add(sessions.submit(() -> batcher.store(item)));
        }
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get()).isEqualTo("stored " + (i == 13 ? 14 : i));
        }
        sessions.shutdown();
        assertThat(calls.size()).as("fewer commits than messages").isLessThan(200);
        assertThat(calls).allMatch(c -> c.size() <= 64);
    }

    @Test
    void aMessageThatCannotBeStoredFailsAloneAndTheOthersOfItsBatchAreStored() throws Exception {
        start(64);
        ExecutorService sessions = Executors.newFixedThreadPool(20);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int item = i;
            results.add(sessions.submit(() -> batcher.store(item)));
        }
        for (int i = 0; i < results.size(); i++) {
            Future<String> r = results.get(i);
            if (i == 13) {
                assertThatThrownBy(r::get).hasRootCauseMessage("cannot store 13");
            } else {
                assertThat(r.get()).isEqualTo("stored " + i);
            }
        }
        sessions.shutdown();
    }

    @Test
    void aBatchHoldsNoMoreBytesThanItsLimitPastItsFirstMessage() throws Exception {
        start(64);
        ExecutorService sessions = Executors.newFixedThreadPool(20);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int item = i % 10 == 0 ? 1000 + i : i == 13 ? 14 : i; // every tenth message is large
            results.add(sessions.submit(() -> batcher.store(item)));
        }
        for (Future<String> r : results) {
            assertThat(r.get()).startsWith("stored ");
        }
        sessions.shutdown();
        assertThat(calls).allMatch(c -> c.stream().filter(i -> i >= 1000).count() <= 1);
        assertThat(calls.stream().mapToInt(List::size).sum()).isEqualTo(100);
    }

    @Test
    void afterStopNothingIsTaken() throws Exception {
        start(8);
        assertThat(batcher.store(1)).isEqualTo("stored 1");
        batcher.stop();
        assertThatThrownBy(() -> batcher.store(2)).hasMessageContaining("stopping");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
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
