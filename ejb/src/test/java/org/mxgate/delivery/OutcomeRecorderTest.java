package org.mxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mxgate.queue.AttemptResult;

class OutcomeRecorderTest {

    private static AttemptResult result(String id) {
        return new AttemptResult(id, "owner", "relay", List.of(), null, false);
    }

    @Test
    void outcomesArrivingDuringACommitAreCommittedTogetherAndCallersWaitForTheirCommit() throws Exception {
        List<List<String>> groups = new CopyOnWriteArrayList<>();
        List<String> dropped = new CopyOnWriteArrayList<>();
        CountDownLatch firstCommitEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        OutcomeRecorder recorder = new OutcomeRecorder(group -> {
            groups.add(group.stream().map(AttemptResult::id).toList());
            if (groups.size() == 1) {
                firstCommitEntered.countDown();
                await(releaseFirstCommit);
            }
            return group.stream().map(AttemptResult::id).toList();
        }, one -> { }, dropped::addAll, Executors.defaultThreadFactory());
        ExecutorService callers = Executors.newFixedThreadPool(5);
        try {
            var first = callers.submit(() -> recorder.record(result("A")));
            assertThat(firstCommitEntered.await(5, TimeUnit.SECONDS)).isTrue();
            var others = List.of("B", "C", "D").stream().map(id -> callers.submit(() -> recorder.record(result(id))))
                    .toList();
            Thread.sleep(200);
            assertThat(first.isDone()).as("A waits for its commit").isFalse();
            assertThat(others).noneMatch(java.util.concurrent.Future::isDone);
            releaseFirstCommit.countDown();
            first.get(5, TimeUnit.SECONDS);
            for (var f : others) {
                f.get(5, TimeUnit.SECONDS);
            }
            assertThat(groups).hasSize(2);
            assertThat(groups.get(0)).containsExactly("A");
            assertThat(groups.get(1)).containsExactlyInAnyOrder("B", "C", "D");
            await(() -> dropped.size() == 4);
            assertThat(dropped).as("the delivered messages' bytes are dropped after their commit")
                    .containsExactlyInAnyOrder("A", "B", "C", "D");
        } finally {
            callers.shutdownNow();
            recorder.stop();
        }
    }

    @Test
    void aFailedGroupIsRecordedOneByOne() {
        List<String> single = new CopyOnWriteArrayList<>();
        OutcomeRecorder recorder = new OutcomeRecorder(group -> {
            throw new IllegalStateException("optimistic lock");
        }, one -> single.add(one.id()), ids -> { }, Executors.defaultThreadFactory());
        try {
            recorder.record(result("X"));
            assertThat(single).containsExactly("X");
        } finally {
            recorder.stop();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
