package org.mxgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Free loopback ports, and waiting for a port to open. */
final class Ports {

    private Ports() {
    }

    static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isOpen(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitOpen(int port, Duration timeout, Process process) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!isOpen(port)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + " before port " + port
                        + " opened");
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("port " + port + " did not open within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
