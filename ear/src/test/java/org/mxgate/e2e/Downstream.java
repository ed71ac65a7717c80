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

/**
 * A real SMTP server process standing in for a domain's primary server: aiosmtpd (no DSN; see
 * downstream.py), or Postfix's smtp-sink, which offers DSN and writes the MAIL and RCPT
 * parameters it got into each dumped message ({@code X-Mail-Args:}, {@code X-Rcpt-Args:}).
 */
final class Downstream implements AutoCloseable {

    final int port;
    final Path dir;
    private final boolean smtpSink;
    private final boolean tls;
    private Process process;

    Downstream(String name, int port) {
        this(name, port, false, false);
    }

    private Downstream(String name, int port, boolean smtpSink, boolean tls) {
        this.port = port;
        this.dir = Mxgate.WORK.resolve(name);
        this.smtpSink = smtpSink;
        this.tls = tls;
    }

    static Downstream smtpSink(String name, int port) {
        return new Downstream(name, port, true, false);
    }

    /** The aiosmtpd server offering STARTTLS with a self-signed certificate made for it. */
    static Downstream withStartTls(String name, int port) {
        return new Downstream(name, port, false, true);
    }

    Downstream start() throws Exception {
        Mxgate.deleteTree(dir);
        Files.createDirectories(dir);
        List<String> command;
        if (smtpSink) {
            command = new java.util.ArrayList<>(List.of("smtp-sink", "-d", dir + "/%Y%m%d%H%M%S."));
            if ("root".equals(System.getProperty("user.name"))) {
                // smtp-sink will not run as root; the user it becomes must be able to write the dumps
                dir.toFile().setWritable(true, false);
                command.addAll(List.of("-u", "nobody"));
            }
            command.addAll(List.of("127.0.0.1:" + port, "20"));
        } else {
            Path script = Path.of(Downstream.class.getResource("/downstream.py").toURI());
            command = new java.util.ArrayList<>(List.of("/usr/bin/python3", script.toString(), "127.0.0.1",
                    String.valueOf(port), dir.toString()));
            if (tls) {
                command.addAll(certificateAndKey());
            }
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolveSibling(dir.getFileName() + ".log")
                        .toFile())).start();
        Ports.awaitOpen(port, Duration.ofSeconds(20), process);
        return this;
    }

    /** The messages received so far, oldest first, as raw bytes. */
    /** A keytool-made certificate and its key as PEM files, which Python's ssl module reads. */
    private List<String> certificateAndKey() throws Exception {
        Path store = dir.resolveSibling(dir.getFileName() + "-tls.p12");
        Files.deleteIfExists(store);
        Clients.Result keytool = Clients.run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "downstream", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=downstream.e2e.test", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "downstream", "-keypass", "downstream"), null);
        if (keytool.exit() != 0) {
            throw new IllegalStateException(keytool.output());
        }
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, "downstream".toCharArray());
        }
        var pem = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path cert = dir.resolveSibling(dir.getFileName() + "-cert.pem");
        Path key = dir.resolveSibling(dir.getFileName() + "-key.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + pem.encodeToString(keys.getCertificate("downstream")
                .getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(keys.getKey("downstream",
                "downstream".toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return List.of(cert.toString(), key.toString());
    }

    List<byte[]> messages() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> smtpSink || f.toString().endsWith(".eml")).sorted().map(f -> {
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

    /** The envelopes of the messages received so far (aiosmtpd only), oldest first. */
    List<jakarta.json.JsonObject> envelopes() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(f -> {
                try (var reader = jakarta.json.Json.createReader(Files.newBufferedReader(f))) {
                    return reader.readObject();
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
