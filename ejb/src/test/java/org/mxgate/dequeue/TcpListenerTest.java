package org.mxgate.dequeue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TcpListenerTest {

    @Test
    void aConnectionBeyondTheLimitIsToldBusyAndEverySessionsClaimsAreReleased() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        List<String> released = new CopyOnWriteArrayList<>();
        TcpListener.Protocol protocol = new TcpListener.Protocol("TEST", 1, 5000, "-ERR busy");
        try (TcpListener listener = TcpListener.start(protocol, "127.0.0.1", 0, "i1", Executors.defaultThreadFactory(),
                (socket, client, owner) -> {
                    Lines.send(socket.getOutputStream(), "+OK " + owner + " " + client);
                    try {
                        hold.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, released::add);
                Socket first = new Socket("127.0.0.1", listener.port())) {
            assertThat(readLine(first)).isEqualTo("+OK i1/test/1 127.0.0.1");
            try (Socket second = new Socket("127.0.0.1", listener.port())) {
                assertThat(readLine(second)).isEqualTo("-ERR busy");
                assertThat(second.getInputStream().read()).as("closed").isEqualTo(-1);
            }
            hold.countDown();
            assertThat(first.getInputStream().read()).as("the session ended and closed").isEqualTo(-1);
            long end = System.nanoTime() + 5_000_000_000L;
            while (released.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(released).containsExactly("i1/test/1");
        }
    }

    private static String readLine(Socket socket) throws Exception {
        socket.setSoTimeout(5000);
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
}
