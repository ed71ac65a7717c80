package org.mxgate.queue;

/**
 * Group commit: a caller whose commit has returned takes a {@link #ticket()}; {@link
 * #await(long)} returns once a sync has run that began after that ticket was taken, and one sync
 * serves every ticket taken before it began. So a sync run for one caller also covers the others
 * that committed meanwhile, and they need none of their own. Callers arriving while a sync runs
 * wait for the next one, which one of them runs for all. A failed sync fails its runner; the
 * others try again.
 */
final class GroupSync {

    private final Runnable sync;
    private final Object lock = new Object();
    /** Tickets numbered in order; a sync covers every ticket numbered before it began. */
    private long issued;
    private long covered;
    private boolean syncing;
    private long syncs;

    GroupSync(Runnable sync) {
        this.sync = sync;
    }

    /** Marks what has been committed so far, for {@link #await(long)}. */
    long ticket() {
        synchronized (lock) {
            return ++issued;
        }
    }

    /** Returns once everything committed before this call is synced. */
    void await() {
        await(ticket());
    }

    /** Returns once everything committed before {@code ticket} was taken is synced. */
    void await(long ticket) {
        long upTo;
        synchronized (lock) {
            while (syncing && covered < ticket) {
                waitForSync();
            }
            if (covered >= ticket) {
                return;
            }
            syncing = true; // this caller syncs for every ticket taken so far
            upTo = issued;
        }
        boolean ok = false;
        try {
            sync.run();
            ok = true;
        } finally {
            synchronized (lock) {
                syncing = false;
                if (ok) {
                    covered = Math.max(covered, upTo);
                    syncs++;
                }
                lock.notifyAll();
            }
        }
    }

    /** Syncs run so far. */
    long syncs() {
        synchronized (lock) {
            return syncs;
        }
    }

    private void waitForSync() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sync", e);
        }
    }
}
