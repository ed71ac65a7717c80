package org.mxgate.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;

/**
 * The free space of the file system that holds mxgate's data (the embedded database and its
 * files), asked at most twice a second. Mail is taken only while at least {@link
 * GatewaySettings#minFreeSpace()} is free, so that the store never runs out in the middle of a
 * message and mail is refused with a temporary error instead, and taken again as soon as space
 * is back. Messages under way hold a {@link Reservation} (their declared SIZE, then what they
 * have written), counted as used: many messages received at once cannot together fill the
 * space that each alone would fit in.
 */
@ApplicationScoped
public class StorageSpace {

    private static final Logger LOG = Logger.getLogger(StorageSpace.class.getName());
    private static final long REFRESH_NANOS = 500_000_000L;

    @Inject
    GatewaySettings settings;

    private final LongSupplier freeBytes;
    private final LongSupplier minFree;
    private final AtomicLong reserved = new AtomicLong();
    private volatile long askedAt = System.nanoTime() - 2 * REFRESH_NANOS;
    private volatile long usable = Long.MAX_VALUE;
    /** Only to log when it changes. */
    private volatile boolean low;

    public StorageSpace() {
        this.freeBytes = () -> usableBytes(settings.dataDir());
        this.minFree = () -> settings.minFreeSpace();
    }

    /** A space of {@code freeBytes} (asked at most twice a second) that keeps {@code minFree} free. */
    StorageSpace(LongSupplier freeBytes, long minFree) {
        this.freeBytes = freeBytes;
        this.minFree = () -> minFree;
    }

    /** Whether less than the minimum is free now, beside the messages under way. */
    public boolean isLow() {
        return !hasRoomFor(0);
    }

    /** Whether a message of {@code size} bytes fits now, beside the minimum and the messages under way. */
    public boolean hasRoomFor(long size) {
        refresh();
        return usable - reserved.get() - size >= minFree.getAsLong();
    }

    /**
     * Sets {@code size} bytes aside for a message about to be received (MAIL's SIZE, 0 without
     * one), or nothing when it does not fit; the message's writes then grow it ({@link
     * Reservation#cover}), and closing it (the transaction's end) gives the space back.
     */
    public Optional<Reservation> reserve(long size) {
        if (!hasRoomFor(size)) {
            return Optional.empty();
        }
        Reservation r = new Reservation();
        return r.cover(size) ? Optional.of(r) : Optional.empty();
    }

    /** Bytes set aside for messages under way. */
    public long reserved() {
        return reserved.get();
    }

    /** Space set aside for one message under way. */
    public final class Reservation implements AutoCloseable {
        private long held;
        private boolean closed;

        /** Whether {@code bytes} in all fit in this reservation, which grows to them if there is room. */
        public synchronized boolean cover(long bytes) {
            if (closed) {
                return false;
            }
            if (bytes <= held || take(bytes - held)) {
                held = Math.max(held, bytes);
                return true;
            }
            return false;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                reserved.addAndGet(-held);
                held = 0;
            }
        }
    }

    private boolean take(long bytes) {
        refresh();
        long min = minFree.getAsLong();
        while (true) {
            long now = reserved.get();
            if (usable - now - bytes < min) {
                return false;
            }
            if (reserved.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    private void refresh() {
        long now = System.nanoTime();
        if (now - askedAt <= REFRESH_NANOS) {
            return;
        }
        askedAt = now;
        usable = freeBytes.getAsLong();
        long min = minFree.getAsLong();
        boolean nowLow = usable < min;
        if (nowLow != low) {
            LOG.log(nowLow ? Level.WARNING : Level.INFO, nowLow
                    ? "storage low: " + usable + " bytes free for the data directory, mail is refused with 452 4.3.1 until "
                            + min + " bytes are free"
                    : "storage back: " + usable + " bytes free for the data directory, mail is taken again");
            low = nowLow;
        }
    }

    private static long usableBytes(Path dir) {
        try {
            return Files.getFileStore(Files.exists(dir) ? dir : dir.toAbsolutePath().getRoot()).getUsableSpace();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read the free space of " + dir + ": " + e, e);
            return Long.MAX_VALUE; // not known: the store itself will say when a write fails
        }
    }
}
