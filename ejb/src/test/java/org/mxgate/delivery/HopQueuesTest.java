package org.mxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HopQueuesTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    /** What each connection carried, by connection number. */
    private final Map<Integer, List<String>> carried = new ConcurrentHashMap<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionNumbers = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private volatile long sendMillis = 2;

    /** A sender that takes {@code sendMillis} per job and counts the connections open at once. */
    private final HopQueues.Sender<String> sender = (first, more) -> {
        int number = connectionNumbers.incrementAndGet();
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try {
            for (List<String> jobs = first; !jobs.isEmpty(); jobs = more.get()) {
                for (String job : jobs) {
                    sleep(sendMillis);
                    carried.computeIfAbsent(number, n -> new CopyOnWriteArrayList<>()).add(job);
                    sent.add(job);
                }
            }
        } finally {
            open.decrementAndGet();
        }
    };

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static List<String> jobs(String prefix, int n) {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(prefix + i);
        }
        return jobs;
    }

    private void awaitSent(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sent.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(sent).hasSize(n);
    }

    @Test
    void sendsEveryJobOnceWithinTheHopsConnectionsAndMessagesPerConnection() throws Exception {
        HopQueues<String> hops = new HopQueues<>(executor, sender, Duration.ofMillis(20));
        hops.add("hop", new Pacing(3, 10), jobs("m", 95));
        awaitSent(95);
        assertThat(sent).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jobs("m", 95));
        assertThat(mostOpen.get()).isEqualTo(3);
        assertThat(carried.values()).allSatisfy(c -> assertThat(c.size()).isLessThanOrEqualTo(10));
        assertThat(carried).hasSizeGreaterThanOrEqualTo(10); // 95 messages at 10 per connection
    }

    @Test
    void jobsAddedWhileAConnectionWaitsGoOverIt() throws Exception {
        HopQueues<String> hops = new HopQueues<>(executor, sender, Duration.ofSeconds(2));
        for (int i = 0; i < 5; i++) {
            hops.add("hop", new Pacing(4, 100), List.of("m" + i));
            awaitSent(i + 1);
            Thread.sleep(20);
        }
        assertThat(carried).hasSize(1);
        assertThat(carried.values().iterator().next()).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(hops.connections()).isEqualTo(1); // still waiting for more
    }

    @Test
    void aBusyConnectionGetsCompanyWhileNoneIsIdle() throws Exception {
        sendMillis = 50;
        HopQueues<String> hops = new HopQueues<>(executor, sender, Duration.ofMillis(20));
        hops.add("hop", new Pacing(4, 100), List.of("a"));
        Thread.sleep(10);
        hops.add("hop", new Pacing(4, 100), List.of("b"));
        awaitSent(2);
        assertThat(mostOpen.get()).isEqualTo(2);
    }

    @Test
    void hopsAreServedApart() throws Exception {
        HopQueues<String> hops = new HopQueues<>(executor, sender, Duration.ofMillis(20));
        hops.add("one", new Pacing(1, 100), jobs("one-", 20));
        hops.add("two", new Pacing(1, 100), jobs("two-", 20));
        awaitSent(40);
        assertThat(mostOpen.get()).isEqualTo(2);
        assertThat(carried.values()).allSatisfy(c -> assertThat(c).allMatch(j -> j.startsWith(c.get(0).substring(0, 4))));
    }

    @Test
    void aConnectionWhoseSenderFailsLeavesTheHopServed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HopQueues<String> hops = new HopQueues<>(executor, (first, more) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("connection broke");
            }
            sender.send(first, more);
        }, Duration.ofMillis(10));
        hops.add("hop", new Pacing(1, 2), jobs("m", 4));
        awaitSent(2); // the first two were lost with the sender's failure; the rest went
        assertThat(sent).containsExactly("m2", "m3");
        Thread.sleep(50);
        assertThat(hops.connections()).isZero();
        assertThat(hops.waiting()).isZero();
    }

    @Test
    void afterStopNothingIsTakenAndConnectionsEnd() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HopQueues<String> hops = new HopQueues<>(executor, (first, more) -> {
            started.countDown();
            await(release);
            sent.addAll(first);
            for (List<String> jobs; !(jobs = more.get()).isEmpty();) {
                sent.addAll(jobs);
            }
        }, Duration.ofSeconds(30));
        hops.add("hop", new Pacing(1, 100), List.of("first"));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        hops.add("hop", new Pacing(1, 100), List.of("second"));
        hops.stop();
        release.countDown();
        Thread.sleep(100);
        assertThat(sent).containsExactly("first");
        assertThat(hops.connections()).isZero();
        assertThatThrownBy(() -> hops.add("hop", new Pacing(1, 100), List.of("third")))
                .isInstanceOf(RejectedExecutionException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
