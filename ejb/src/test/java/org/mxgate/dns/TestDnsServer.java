package org.mxgate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real DNS server for the tests: dnsmasq on a free loopback port, answering for one zone with the records given. */
final class TestDnsServer implements AutoCloseable {

    final int port;
    private final Process process;

    private TestDnsServer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** @param records dnsmasq record options ({@code --host-record=…}, {@code --mx-host=…}, {@code --txt-record=…}) */
    static TestDnsServer start(String zone, String... records) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("dnsmasq", ".log");
        List<String> command = new ArrayList<>(List.of("dnsmasq", "--keep-in-foreground", "--port=" + port,
                "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--no-poll",
                "--pid-file=", "--user=" + System.getProperty("user.name"), "--local=/" + zone + "/"));
        command.addAll(List.of(records));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread.sleep(300);
        assertThat(process.isAlive()).as("dnsmasq runs; see " + log).isTrue();
        return new TestDnsServer(port, process);
    }

    /** The server as the resolvers take it. */
    String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
