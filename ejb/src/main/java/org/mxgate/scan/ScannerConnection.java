package org.mxgate.scan;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One call to a scanner, over TCP or a Unix socket, that ends by its deadline: a watchdog closes
 * the channel when the time is up, which ends a connect, read or write blocked on it (a socket
 * channel has no read timeout of its own, and a Unix socket no {@code SO_TIMEOUT}).
 */
final class ScannerConnection implements Closeable {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mxgate-scanner-deadline");
        t.setDaemon(true);
        return t;
    });

    private final SocketChannel channel;
    private final ScheduledFuture<?> deadline;
    private final OutputStream out;
    private final InputStream in;

    private ScannerConnection(SocketChannel channel, ScheduledFuture<?> deadline) {
        this.channel = channel;
        this.deadline = deadline;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        this.in = new BufferedInputStream(Channels.newInputStream(channel));
    }

    /** Connects to {@code address}; everything on this connection must be done within {@code timeout}. */
    static ScannerConnection open(ScannerAddress address, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open(address.family());
        ScheduledFuture<?> deadline = WATCHDOG.schedule(() -> closeQuietly(channel), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            channel.connect(address.socketAddress());
            return new ScannerConnection(channel, deadline);
        } catch (IOException | RuntimeException e) {
            deadline.cancel(false);
            closeQuietly(channel);
            throw e;
        }
    }

    OutputStream out() {
        return out;
    }

    InputStream in() {
        return in;
    }

    /** Whether the deadline closed the connection (so a failure on it means: too slow). */
    boolean timedOut() {
        return deadline.isDone() && !deadline.isCancelled();
    }

    @Override
    public void close() {
        deadline.cancel(false);
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all that is wanted
        }
    }
}
