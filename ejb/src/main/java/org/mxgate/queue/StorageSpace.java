package org.mxgate.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;

/**
 * The free space of the file system that holds mxgate's data (the embedded database and its
 * files), asked at most twice a second. Mail is taken only while at least {@link
 * GatewaySettings#minFreeSpace()} is free, so that the store never runs out in the middle of a
 * message and mail is refused with a temporary error instead, and taken again as soon as space
 * is back.
 */
@ApplicationScoped
public class StorageSpace {

    private static final Logger LOG = Logger.getLogger(StorageSpace.class.getName());
    private static final long REFRESH_NANOS = 500_000_000L;

    @Inject
    GatewaySettings settings;

    private volatile long askedAt = System.nanoTime() - 2 * REFRESH_NANOS;
    private volatile long usable = Long.MAX_VALUE;
    /** Only to log when it changes. */
    private volatile boolean low;

    /** Whether less than the minimum is free now. */
    public boolean isLow() {
        return !hasRoomFor(0);
    }

    /** Whether a message of {@code size} bytes fits now, the minimum kept free beside it. */
    public boolean hasRoomFor(long size) {
        long now = System.nanoTime();
        if (now - askedAt > REFRESH_NANOS) {
            askedAt = now;
            usable = usableBytes(settings.dataDir());
            boolean nowLow = usable < settings.minFreeSpace();
            if (nowLow != low) {
                LOG.log(nowLow ? Level.WARNING : Level.INFO, nowLow
                        ? "storage low: " + usable + " bytes free in " + settings.dataDir() + ", mail is refused with 452 4.3.1 until "
                                + settings.minFreeSpace() + " bytes are free"
                        : "storage back: " + usable + " bytes free in " + settings.dataDir() + ", mail is taken again");
                low = nowLow;
            }
        }
        return usable - size >= settings.minFreeSpace();
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
