package org.mxgate.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Jobs waiting for their next hop, in one queue per hop, each hop served by at most its
 * {@link Pacing#connections()} connections at once, whoever added the jobs (a queue run, or mail
 * just stored and handed over). A connection takes its share of the jobs waiting (the waiting
 * jobs divided among the hop's connections), sends them, and takes again over the same
 * connection, waiting up to {@code linger} for more, until it has carried the pacing's messages
 * per connection; then it quits, and a new one opens if jobs wait. A new connection opens only
 * while none of the hop's connections is idle. So under a steady stream of new mail a hop has as
 * many connections as the stream needs, and each carries many messages.
 *
 * @param <T> a job
 */
final class HopQueues<T> {

    private static final Logger LOG = Logger.getLogger(HopQueues.class.getName());

    /** Sends jobs over one connection. */
    interface Sender<T> {
        /**
         * Sends {@code first} and then what {@code more} gives, over one connection, until it gives
         * none (or the connection fails), all to the same hop, and settles every job it was given.
         */
        void send(List<T> first, Supplier<List<T>> more);
    }

    private static final class Hop<T> {
        final ArrayDeque<T> waiting = new ArrayDeque<>();
        Pacing pacing;
        int connections;
        /** Connections waiting for jobs (lingering). */
        int idle;
        /** Connections started that have not taken their first jobs yet. */
        int starting;
    }

    private final Executor executor;
    private final Sender<T> sender;
    private final long lingerNanos;
    /** Guarded by {@code this}. */
    private final Map<String, Hop<T>> hops = new HashMap<>();
    private volatile boolean stopped;

    /**
     * @param executor runs the connections
     * @param sender sends the jobs over one connection (an exception it throws is logged, the
     *        jobs left as they are)
     * @param linger how long a connection that has sent everything waits for more before it quits
     */
    HopQueues(Executor executor, Sender<T> sender, Duration linger) {
        this.executor = executor;
        this.sender = sender;
        this.lingerNanos = linger.toNanos();
    }

    /**
     * Queues jobs for the hop {@code key} and opens connections for them within {@code pacing}
     * (the latest pacing given for a hop counts).
     *
     * @throws RejectedExecutionException when stopped: the jobs are not taken
     */
    synchronized void add(String key, Pacing pacing, List<T> jobs) {
        if (stopped) {
            throw new RejectedExecutionException("delivery is stopping");
        }
        Hop<T> hop = hops.computeIfAbsent(key, k -> new Hop<>());
        hop.pacing = pacing;
        hop.waiting.addAll(jobs);
        notifyAll();
        while (hop.idle == 0 && hop.connections < pacing.connections() && hop.starting < hop.waiting.size()) {
            hop.connections++;
            hop.starting++;
            try {
                executor.execute(() -> serve(key, hop));
            } catch (RejectedExecutionException e) {
                hop.connections--;
                hop.starting--;
                if (hop.connections == 0) {
                    hops.remove(key);
                }
                throw e;
            }
        }
    }

    /** Jobs waiting (not yet taken by a connection), across all hops. */
    synchronized int waiting() {
        return hops.values().stream().mapToInt(h -> h.waiting.size()).sum();
    }

    /** Connections open or about to open, across all hops. */
    synchronized int connections() {
        return hops.values().stream().mapToInt(h -> h.connections).sum();
    }

    /** Takes no more jobs; connections end after the jobs they have taken, and what waits stays unsent. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    private void serve(String key, Hop<T> hop) {
        List<T> first;
        boolean starting = true;
        while (!(first = takeOrEnd(key, hop, starting)).isEmpty()) {
            starting = false;
            int[] carried = {first.size()};
            try {
                sender.send(first, () -> {
                    List<T> next = takeLingering(hop, hop.pacing.messagesPerConnection() - carried[0]);
                    carried[0] += next.size();
                    return next;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "delivery to " + key + " failed: " + e, e);
            }
        }
    }

    /** The first jobs for a new connection of {@code hop}, or none, and then this connection slot ends. */
    private synchronized List<T> takeOrEnd(String key, Hop<T> hop, boolean starting) {
        if (starting) {
            hop.starting--;
        }
        if (stopped || hop.waiting.isEmpty()) {
            hop.connections--;
            if (hop.connections == 0 && hops.get(key) == hop) {
                hops.remove(key);
            }
            return List.of();
        }
        return poll(hop, hop.pacing.messagesPerConnection());
    }

    /** Up to {@code room} more jobs for an open connection, waiting up to the linger time for them. */
    private synchronized List<T> takeLingering(Hop<T> hop, int room) {
        if (room <= 0) {
            return List.of();
        }
        long deadline = System.nanoTime() + lingerNanos;
        hop.idle++;
        try {
            while (hop.waiting.isEmpty() && !stopped) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            hop.idle--;
        }
        return stopped ? List.of() : poll(hop, room);
    }

    /** This connection's share of what waits (divided among the hop's connections), at most {@code max}. */
    private List<T> poll(Hop<T> hop, int max) {
        int share = (hop.waiting.size() + hop.connections - 1) / hop.connections;
        int n = Math.min(share, max);
        List<T> taken = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            taken.add(hop.waiting.poll());
        }
        return taken;
    }
}
