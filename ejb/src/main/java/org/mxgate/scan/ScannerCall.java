package org.mxgate.scan;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What every call to a scanner shares: at most so many at once (a call that finds none free
 * within the timeout fails as busy), one connection each, the whole exchange within the timeout,
 * and every failure turned into a result naming the scanner and its address.
 */
final class ScannerCall {

    /** One exchange over an open connection. */
    interface Exchange {
        ScanResult over(ScannerConnection connection) throws IOException;
    }

    private final String name;
    private final ScannerAddress address;
    private final Duration timeout;
    private final Semaphore connections;
    private final ScannerHealth health;

    ScannerCall(String name, ScannerAddress address, Duration timeout, int connections) {
        this.name = name;
        this.address = address;
        this.timeout = timeout;
        this.connections = new Semaphore(connections, true);
        this.health = new ScannerHealth(name, address.toString(), java.time.Clock.systemUTC());
    }

    ScannerHealth health() {
        return health;
    }

    ScannerAddress address() {
        return address;
    }

    /** Runs {@code exchange} on a connection of its own, counted in the health. Never throws: a failure is a result. */
    ScanResult run(Exchange exchange) {
        return health.record(call(exchange));
    }

    private ScanResult call(Exchange exchange) {
        try {
            if (!connections.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return ScanResult.failed(name, name + " at " + address + " busy: no connection free within "
                        + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ScanResult.failed(name, name + ": interrupted");
        }
        try (ScannerConnection c = ScannerConnection.open(address, timeout)) {
            try {
                return exchange.over(c);
            } catch (IOException e) {
                return ScanResult.failed(name, c.timedOut() ? name + " at " + address + " did not answer within "
                        + timeout.toSeconds() + " s" : name + " at " + address + ": " + e.getMessage());
            }
        } catch (IOException e) {
            return ScanResult.failed(name, name + " at " + address + " unreachable: " + e);
        } finally {
            connections.release();
        }
    }
}
