package org.mxgate.queue;

/**
 * Group commit: {@link #await()} returns once a sync has run that began after the call, and one
 * sync serves every caller waiting for it. Callers arriving while a sync runs wait for the next
 * one, which one of them runs for all. A failed sync fails its runner; the others try again.
 */
final class GroupSync {

    private final Runnable sync;
    private final Object lock = new Object();
    /** Callers numbered in arrival order; a sync covers every caller numbered before it began. */
    private long arrived;
    private long covered;
    private boolean syncing;
    private long syncs;

    GroupSync(Runnable sync) {
        this.sync = sync;
    }

    void await() {
        long me;
        synchronized (lock) {
            me = ++arrived;
            while (syncing && covered < me) {
                waitForSync();
            }
            if (covered >= me) {
                return;
            }
            syncing = true; // this caller syncs for everyone who has arrived so far
        }
        long upTo;
        synchronized (lock) {
            upTo = arrived;
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
