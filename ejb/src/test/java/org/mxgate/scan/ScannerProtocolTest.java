package org.mxgate.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The scanners' protocols: replies read, addresses parsed, and what a dead or silent scanner gives. */
class ScannerProtocolTest {

    @Test
    void clamdRepliesAreCleanFoundOrAFailureWithTheReplyShown() {
        assertThat(Clamd.interpret("stream: OK").state()).isEqualTo(ScanResult.State.CLEAN);
        ScanResult found = Clamd.interpret("stream: Win.Test.EICAR_HDB-1 FOUND");
        assertThat(found.state()).isEqualTo(ScanResult.State.FOUND);
        assertThat(found.finding()).isEqualTo("Win.Test.EICAR_HDB-1");
        ScanResult limit = Clamd.interpret("INSTREAM size limit exceeded. ERROR");
        assertThat(limit.state()).isEqualTo(ScanResult.State.FAILED);
        assertThat(limit.problem()).contains("size limit exceeded");
        assertThat(Clamd.interpret("stream: \u0000\r\n FOUND").state()).isEqualTo(ScanResult.State.FAILED);
    }

    @Test
    void spamdRepliesGiveTheScoreAndTheRules() {
        ScanResult r = Spamd.interpret("SPAMD/1.1 0 EX_OK\r\nContent-length: 27\r\nSpam: True ; 1003.3 / 5.0\r\n\r\nGTUBE,MISSING_DATE,NO_RELAYS");
        assertThat(r.state()).isEqualTo(ScanResult.State.CLEAN);
        assertThat(r.score()).isEqualTo(1003.3);
        assertThat(r.rules()).containsExactly("GTUBE", "MISSING_DATE", "NO_RELAYS");
        assertThat(Spamd.interpret("SPAMD/1.1 0 EX_OK\r\nSpam: False ; -0.4 / 5.0\r\n\r\n").score()).isEqualTo(-0.4);
        assertThat(Spamd.interpret("SPAMD/1.0 76 Bad header line: x").problem()).contains("76 Bad header line");
        assertThat(Spamd.interpret("HTTP/1.1 200 OK\r\n\r\n").state()).isEqualTo(ScanResult.State.FAILED);
        assertThat(Spamd.interpret("SPAMD/1.1 0 EX_OK\r\n\r\n").problem()).contains("without a Spam header");
    }

    @Test
    void addressesAreHostAndPortOrASocketPath() {
        assertThat(ScannerAddress.parse("127.0.0.1:3310").toString()).isEqualTo("127.0.0.1:3310");
        assertThat(ScannerAddress.parse("[::1]:783").host()).isEqualTo("::1");
        assertThat(ScannerAddress.parse(" /run/clamav/clamd.ctl ").socket()).isEqualTo(Path.of("/run/clamav/clamd.ctl"));
        for (String bad : new String[] {"", "clamd", "host:", ":3310", "host:0", "host:99999", "host:x"}) {
            assertThatThrownBy(() -> ScannerAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void clamdGetsTheMessageInLengthPrefixedChunksEndedByZero() throws Exception {
        byte[] message = "x".repeat(150_000).getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    assertThat(new String(in.readNBytes(10), StandardCharsets.US_ASCII)).isEqualTo("zINSTREAM\0");
                    long total = 0;
                    int n;
                    while ((n = in.readInt()) > 0) {
                        assertThat(n).isLessThanOrEqualTo(64 * 1024);
                        total += in.readNBytes(n).length;
                    }
                    s.getOutputStream().write("stream: OK\0".getBytes(StandardCharsets.US_ASCII));
                    return total;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Clamd clamd = new Clamd(ScannerAddress.parse("127.0.0.1:" + server.getLocalPort()), Duration.ofSeconds(5),
                    1 << 20, 1);
            assertThat(clamd.scan(new ByteArrayInputStream(message), message.length).state()).isEqualTo(ScanResult.State.CLEAN);
            assertThat(received.get()).isEqualTo(message.length);
        }
    }

    @Test
    void aScannerThatSaysNothingFailsByItsTimeoutAndADeadOneAtOnce() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> held = CompletableFuture.runAsync(() -> {
                try (Socket s = silent.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    in.readAllBytes();
                } catch (IOException e) {
                    // the client gave up
                }
            });
            Spamd spamd = new Spamd(ScannerAddress.parse("127.0.0.1:" + silent.getLocalPort()), Duration.ofMillis(500),
                    1 << 20, 1);
            long start = System.nanoTime();
            ScanResult r = spamd.check(new ByteArrayInputStream(new byte[10]), 10);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(r.state()).isEqualTo(ScanResult.State.FAILED);
            assertThat(r.problem()).contains("did not answer within");
            held.get();
        }
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        ScanResult unreachable = new Clamd(ScannerAddress.parse("127.0.0.1:" + dead), Duration.ofSeconds(5), 100, 1)
                .scan(new ByteArrayInputStream(new byte[10]), 10);
        assertThat(unreachable.problem()).startsWith("clamd at 127.0.0.1:" + dead + " unreachable");
        ScanResult big = new Clamd(ScannerAddress.parse("127.0.0.1:" + dead), Duration.ofSeconds(5), 100, 1)
                .scan(new ByteArrayInputStream(new byte[200]), 200);
        assertThat(big.state()).isEqualTo(ScanResult.State.SKIPPED);
    }
}
