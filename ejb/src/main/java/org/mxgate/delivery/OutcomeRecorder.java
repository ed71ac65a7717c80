package org.mxgate.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.queue.AttemptResult;

/**
 * Records delivery outcomes with group commit: outcomes that arrive while a commit is under
 * way, or within {@code GATHER} of the first, are committed together in the next one (after
 * each group the embedded store writes a chunk of its file, so fewer, larger groups save work). A delivering connection waits for its outcomes'
 * commits (all of them, or all but a few: see {@code QueueRunner}), so a crash can leave only
 * that many delivered but unrecorded messages per connection, however many connections run.
 */
final class OutcomeRecorder {

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class.getName());
    private static final int MAX_GROUP = 200;
    /**
     * Delivered messages whose bytes are dropped together, or sooner when the recorder is idle.
     * H2 compares each row it deletes with every id of the list: with 1,000 ids a row cost about
     * 48 microseconds, with 200 about 15.
     */
    private static final int AFTER_COMMIT_BATCH = 200;
    private static final Duration IDLE = Duration.ofMillis(200);
    private static final Duration GATHER = Duration.ofMillis(10);

    private record Pending(AttemptResult result, CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Function<List<AttemptResult>, List<String>> commit;
    private final Consumer<AttemptResult> commitOne;
    private final Consumer<List<String>> afterCommit;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param commit records a group in one transaction and returns the ids of messages it found
     *        delivered
     * @param commitOne records one outcome alone, used when a group fails
     * @param afterCommit the work on delivered messages that need not hold up the delivering
     *        connections (dropping their bytes); it runs for many groups at once, or when idle
     */
    OutcomeRecorder(Function<List<AttemptResult>, List<String>> commit, Consumer<AttemptResult> commitOne,
            Consumer<List<String>> afterCommit, ThreadFactory threads) {
        this.commit = commit;
        this.commitOne = commitOne;
        this.afterCommit = afterCommit;
        this.thread = threads.newThread(this::loop);
        thread.setName("mxgate-outcome-recorder");
        thread.start();
    }

    /** Records an outcome and returns once it is committed (or has failed to be, which is logged). */
    void record(AttemptResult result) {
        await(submit(result));
    }

    /** Queues an outcome for the next group commit; the future completes once it is committed. */
    CompletableFuture<Void> submit(AttemptResult result) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(new Pending(result, done));
        return done;
    }

    static void await(CompletableFuture<Void> committed) {
        try {
            committed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // never completed exceptionally
        }
    }

    void stop() {
        running = false;
        thread.interrupt();
    }

    private void loop() {
        List<Pending> group = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        while (running) {
            try {
                Pending first = pending.poll(IDLE.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    settleAfterwards(delivered);
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                break;
            }
            pending.drainTo(group, MAX_GROUP - 1);
            gather(group);
            try {
                delivered.addAll(commit.apply(group.stream().map(Pending::result).toList()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "recording " + group.size() + " outcomes together failed, one by one now: " + e);
                for (Pending p : group) {
                    try {
                        commitOne.accept(p.result());
                    } catch (RuntimeException one) {
                        LOG.log(Level.WARNING, "could not record the outcome for id=" + p.result().id()
                                + "; it is retried when its claim runs out: " + one, one);
                    }
                }
            }
            group.forEach(p -> p.done().complete(null));
            group.clear();
            if (delivered.size() >= AFTER_COMMIT_BATCH) {
                settleAfterwards(delivered);
            }
        }
        pending.forEach(p -> p.done().complete(null));
    }

    /**
     * Waits a little for more outcomes before a group is committed, so that a commit (the
     * embedded store writes a chunk for each) serves more of them: up to {@link #GATHER} after the
     * first, or until the group is full.
     */
    private void gather(List<Pending> group) {
        long deadline = System.nanoTime() + GATHER.toNanos();
        try {
            while (group.size() < MAX_GROUP) {
                long left = deadline - System.nanoTime();
                Pending next = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    return;
                }
                group.add(next);
                pending.drainTo(group, MAX_GROUP - group.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the deferred work on delivered messages, in one transaction for many of them. */
    private void settleAfterwards(List<String> delivered) {
        if (delivered.isEmpty()) {
            return;
        }
        try {
            afterCommit.accept(List.copyOf(delivered));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not drop the bytes of " + delivered.size()
                    + " delivered message(s); the history purge will: " + e);
        }
        delivered.clear();
    }
}
