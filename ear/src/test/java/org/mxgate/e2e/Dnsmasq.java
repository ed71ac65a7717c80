package org.mxgate.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server (dnsmasq) on a loopback port, answering for {@code e2e.test} only: the
 * records it is given, and "no such name" for every other name in the zone.
 */
final class Dnsmasq implements AutoCloseable {

    final int port;
    private Process process;

    Dnsmasq() {
        this(Ports.free());
    }

    /** A server on a port given, e.g. to answer differently where another one answered before. */
    Dnsmasq(int port) {
        this.port = port;
    }

    /**
     * @param records dnsmasq record options ({@code --host-record=…}, {@code --mx-host=…},
     *        {@code --dns-rr=…})
     */
    Dnsmasq start(String... records) throws Exception {
        List<String> command = new ArrayList<>(List.of("dnsmasq", "--keep-in-foreground", "--port=" + port,
                "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--no-poll",
                "--local=/e2e.test/", "--pid-file=", "--log-facility=-", "--user=" + System.getProperty("user.name")));
        command.addAll(List.of(records));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Mxgate.WORK.resolve("dnsmasq.log").toFile())).start();
        Thread.sleep(300);
        if (!process.isAlive()) {
            throw new IllegalStateException("dnsmasq exited; see " + Mxgate.WORK.resolve("dnsmasq.log"));
        }
        return this;
    }

    String server() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
