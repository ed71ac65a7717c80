package org.mxgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A real SMTP server process (aiosmtpd) standing in for a domain's primary server. */
final class Downstream implements AutoCloseable {

    final int port;
    final Path dir;
    private Process process;

    Downstream(String name, int port) {
        this.port = port;
        this.dir = Mxgate.WORK.resolve(name);
    }

    Downstream start() throws Exception {
        Mxgate.deleteTree(dir);
        Files.createDirectories(dir);
        Path script = Path.of(Downstream.class.getResource("/downstream.py").toURI());
        process = new ProcessBuilder("/usr/bin/python3", script.toString(), "127.0.0.1", String.valueOf(port),
                dir.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolveSibling(dir.getFileName() + ".log")
                        .toFile())).start();
        Ports.awaitOpen(port, Duration.ofSeconds(20), process);
        return this;
    }

    /** The messages received so far, oldest first, as raw bytes. */
    List<byte[]> messages() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().map(f -> {
                try {
                    return Files.readAllBytes(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> texts() {
        return messages().stream().map(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)).toList();
    }

    /** Waits for a message the predicate accepts and returns it. */
    String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (String m : texts()) {
                if (wanted.test(m)) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such message at the downstream server " + dir + " within " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }
}
