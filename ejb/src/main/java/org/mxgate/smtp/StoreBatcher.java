package org.mxgate.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores the messages of many sessions together: each session thread hands its message over and
 * waits; a writer thread takes every message waiting at that moment (up to {@code maxBatch}) and
 * stores them with one call, which is one transaction and one commit for all. What finishes a
 * stored batch (waiting for the sync that makes it stable, then its follow-ups) runs on a second
 * thread, in order, while the writer already stores the next batch: one sync then covers every
 * batch committed before it began. While it stores, the next batch gathers. A batch holds at
 * most {@code maxBatch} messages and, past its first, at most {@code maxBytes} bytes (a store
 * that reads messages into memory, PostgreSQL's, then holds no more than that at once). If a
 * batch fails, its messages are stored one by one, so that one message that cannot be stored
 * does not fail the others.
 *
 * @param <I> a message to store
 * @param <R> what storing it did
 */
final class StoreBatcher<I, R> {

    private static final Logger LOG = Logger.getLogger(StoreBatcher.class.getName());

    private record Pending<I, R>(I item, CompletableFuture<R> result) {
    }

    /** A batch committed, and what finishes it. */
    private record Stored<I, R>(List<Pending<I, R>> batch, Supplier<List<R>> finish) {
    }

    private final Function<List<I>, Supplier<List<R>>> storeAll;
    private final ToLongFunction<I> size;
    private final int maxBatch;
    private final long maxBytes;
    private final BlockingQueue<Pending<I, R>> waiting = new LinkedBlockingQueue<>();
    private final BlockingQueue<Stored<I, R>> finishing = new LinkedBlockingQueue<>();
    /** Taken from the queue but too large for the batch it was taken for: the next batch starts with it. */
    private Pending<I, R> carried;
    private volatile boolean stopping;
    private volatile boolean finished;
    private volatile boolean finisherDone;

    /**
     * @param storeAll stores (commits) its messages all or none, and returns what finishes them:
     *        run later, in order, on the finishing thread, it returns their results in order, or
     *        throws, and then each of them fails
     * @param size the bytes of a message
     */
    StoreBatcher(Function<List<I>, Supplier<List<R>>> storeAll, ToLongFunction<I> size, int maxBatch,
            long maxBytes) {
        this.storeAll = storeAll;
        this.size = size;
        this.maxBatch = maxBatch;
        this.maxBytes = maxBytes;
    }

    /** Stores {@code item} with whatever else is waiting; returns once it is stored, or throws why not. */
    R store(I item) throws Exception {
        if (stopping) {
            throw new IllegalStateException("the store is stopping");
        }
        Pending<I, R> p = new Pending<>(item, new CompletableFuture<>());
        waiting.add(p);
        if (finished) {
            refuseWaiting(); // stopped between the check above and the add: nobody else will answer it
        }
        try {
            return p.result().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    /** The writer's loop, until {@link #stop()} and nothing is left waiting. */
    void run() {
        List<Pending<I, R>> batch = new ArrayList<>(maxBatch);
        while (!stopping || !waiting.isEmpty() || carried != null) {
            try {
                Pending<I, R> first = carried != null ? carried : waiting.poll(200, TimeUnit.MILLISECONDS);
                carried = null;
                if (first == null) {
                    continue;
                }
                batch.clear();
                batch.add(first);
                long bytes = size.applyAsLong(first.item());
                for (Pending<I, R> next; batch.size() < maxBatch && (next = waiting.poll()) != null;) {
                    bytes += size.applyAsLong(next.item());
                    if (bytes > maxBytes) {
                        carried = next;
                        break;
                    }
                    batch.add(next);
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        finished = true;
        refuseWaiting();
    }

    /** The finishing thread's loop: until the writer has finished and nothing is left to finish. */
    void runFinisher() {
        try {
            while (!finished || !finishing.isEmpty()) {
                Stored<I, R> stored = finishing.poll(200, TimeUnit.MILLISECONDS);
                if (stored != null) {
                    finish(stored);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finisherDone = true;
            refuseFinishing();
        }
    }

    private void finish(Stored<I, R> stored) {
        try {
            List<R> results = stored.finish().get();
            for (int i = 0; i < stored.batch().size(); i++) {
                stored.batch().get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            // committed but not known to be stable (the sync failed): no 250, and not stored again
            LOG.log(Level.SEVERE, "finishing " + stored.batch().size() + " stored message(s) failed: " + e, e);
            stored.batch().forEach(p -> p.result().completeExceptionally(e));
        }
    }

    /** Hands a committed batch to the finishing thread (or fails it, when that thread has ended). */
    private void toFinish(List<Pending<I, R>> batch, Supplier<List<R>> finish) {
        finishing.add(new Stored<>(List.copyOf(batch), finish));
        if (finisherDone) {
            refuseFinishing();
        }
    }

    /** Fails every committed batch no finishing thread will finish (no 250 without the sync). */
    private void refuseFinishing() {
        for (Stored<I, R> left; (left = finishing.poll()) != null;) {
            left.batch().forEach(p -> p.result().completeExceptionally(new IllegalStateException("the store stopped")));
        }
    }

    private void refuseWaiting() {
        for (Pending<I, R> left; (left = waiting.poll()) != null;) {
            left.result().completeExceptionally(new IllegalStateException("the store stopped"));
        }
    }

    /** Lets the writer finish what is waiting and end; new messages are refused. */
    void stop() {
        stopping = true;
    }

    private void write(List<Pending<I, R>> batch) {
        try {
            toFinish(batch, storeAll.apply(batch.stream().map(Pending::item).toList()));
        } catch (Error e) {
            // out of memory, say: every session waiting is answered (451), and the writer goes on
            LOG.log(Level.SEVERE, "storing " + batch.size() + " messages failed: " + e, e);
            batch.forEach(p -> p.result().completeExceptionally(e));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            LOG.log(Level.WARNING, "storing " + batch.size() + " messages together failed, storing them one by one: " + e);
            for (Pending<I, R> p : batch) {
                try {
                    toFinish(List.of(p), storeAll.apply(List.of(p.item())));
                } catch (RuntimeException one) {
                    p.result().completeExceptionally(one);
                }
            }
        }
    }
}
