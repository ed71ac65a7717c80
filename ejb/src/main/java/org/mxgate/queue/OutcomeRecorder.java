package org.mxgate.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records delivery outcomes with group commit: outcomes that arrive while a commit is under
 * way are committed together in the next one. Each delivering connection waits until its outcome
 * is committed before it sends its next message, so a crash can leave at most one delivered but
 * unrecorded message per connection, however many connections run.
 */
final class OutcomeRecorder {

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class.getName());
    private static final int MAX_GROUP = 200;

    private record Pending(AttemptResult result, CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Consumer<List<AttemptResult>> commit;
    private final Consumer<AttemptResult> commitOne;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param commit records a group in one transaction
     * @param commitOne records one outcome alone, used when a group fails
     */
    OutcomeRecorder(Consumer<List<AttemptResult>> commit, Consumer<AttemptResult> commitOne, ThreadFactory threads) {
        this.commit = commit;
        this.commitOne = commitOne;
        this.thread = threads.newThread(this::loop);
        thread.setName("mxgate-outcome-recorder");
        thread.start();
    }

    /** Records an outcome and returns once it is committed (or has failed to be, which is logged). */
    void record(AttemptResult result) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(new Pending(result, done));
        try {
            done.get();
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
        while (running) {
            try {
                group.add(pending.take());
            } catch (InterruptedException e) {
                break;
            }
            pending.drainTo(group, MAX_GROUP - 1);
            try {
                commit.accept(group.stream().map(Pending::result).toList());
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
        }
        pending.forEach(p -> p.done().complete(null));
    }
}
