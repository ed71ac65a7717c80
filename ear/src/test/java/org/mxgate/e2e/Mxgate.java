package org.mxgate.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** mxgate started exactly as a user starts it: {@code ./mxgate run} with MXGATE_* settings. */
final class Mxgate implements AutoCloseable {

    static final Path HOME = Path.of(System.getProperty("mxgate.home", "..")).toAbsolutePath().normalize();
    static final Path WORK = Path.of(System.getProperty("mxgate.test.dir", "target/e2e")).toAbsolutePath();
    static final String PASSWORD = "e2e-secret";
    static final String VIEWER_PASSWORD = "e2e-viewer-secret";

    final int smtpPort = Ports.free();
    final int httpPort = Ports.free();
    final int pop3Port = Ports.free();
    final int odmrPort = Ports.free();
    final Path dataDir;
    final Path log;
    private final Map<String, String> env = new HashMap<>();
    private Process process;

    Mxgate(String name, int deliveryPort) throws IOException {
        dataDir = WORK.resolve(name + "-data");
        log = WORK.resolve(name + ".log");
        Files.createDirectories(WORK);
        deleteTree(dataDir);
        Files.deleteIfExists(log);
        env.put("MXGATE_NO_BUILD", "1");
        env.put("MXGATE_DATA_DIR", dataDir.toString());
        env.put("MXGATE_HOSTNAME", "gw.e2e.test");
        env.put("MXGATE_SMTP_BIND", "127.0.0.1");
        env.put("MXGATE_SMTP_PORT", String.valueOf(smtpPort));
        env.put("MXGATE_HTTP_PORT", String.valueOf(httpPort));
        env.put("MXGATE_POP3_PORT", String.valueOf(pop3Port));
        env.put("MXGATE_ODMR_PORT", String.valueOf(odmrPort));
        env.put("MXGATE_ADMIN_PASSWORD", PASSWORD);
        env.put("MXGATE_VIEWER_PASSWORD", VIEWER_PASSWORD);
        env.put("MXGATE_DELIVERY_PORT", String.valueOf(deliveryPort));
        env.put("MXGATE_QUEUE_RUN_INTERVAL", "1s");
        env.put("MXGATE_QUEUE_MINIMAL_BACKOFF", "2s");
        env.put("MXGATE_QUEUE_MAXIMAL_BACKOFF", "4s");
        env.put("MXGATE_DNS_SERVERS", "127.0.0.1:1");
        env.put("MXGATE_JAVA_OPTS", "-Xmx512m");
    }

    /** Removes what an earlier run left, so that every run starts from an empty data directory. */
    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    Mxgate with(String key, String value) {
        env.put(key, value);
        return this;
    }

    Mxgate start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(HOME.resolve("mxgate").toString(), "run").directory(HOME.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        try {
            Ports.awaitOpen(smtpPort, Duration.ofSeconds(150), process);
            Ports.awaitOpen(httpPort, Duration.ofSeconds(30), process);
            awaitApplication(Duration.ofSeconds(60));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; log " + log, e);
        }
        return this;
    }

    /**
     * Starts it expecting it to refuse: returns the exit code once the process has ended by
     * itself; fails if it opens its SMTP port or is still running after {@code timeout}.
     */
    int startExpectingRefusal(Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(HOME.resolve("mxgate").toString(), "run").directory(HOME.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        long end = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < end) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", smtpPort), 200);
                throw new AssertionError("the SMTP port opened; log " + log);
            } catch (java.io.IOException closed) {
                Thread.sleep(250);
            }
        }
        if (process.isAlive()) {
            throw new AssertionError("still running after " + timeout + "; log " + log);
        }
        return process.exitValue();
    }

    /** Waits until the application is ready ({@code /health/ready}, as a load balancer asks it). */
    private void awaitApplication(Duration timeout) throws Exception {
        Api anonymous = new Api(httpPort, null, null);
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (anonymous.get("/health/ready").status() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not answering yet
            }
            if (!process.isAlive() || System.nanoTime() > end) {
                throw new IllegalStateException("the application did not come up");
            }
            Thread.sleep(250);
        }
    }

    /** Stops it as Ctrl-C would. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** SIGTERM, as a service manager stops it; returns once the process has ended (at most 60 s). */
    void terminate() throws Exception {
        Clients.run(java.util.List.of("kill", "-TERM", String.valueOf(process.pid())), null);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("still running 60 s after SIGTERM; log " + log);
        }
    }

    /** Ctrl-C: SIGINT to the process, as a terminal sends it; returns the exit code. */
    int interrupt() throws Exception {
        Clients.run(java.util.List.of("kill", "-INT", String.valueOf(process.pid())), null);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("still running 60 s after Ctrl-C; log " + log);
        }
        return process.exitValue();
    }

    /** {@code kill -9}: no shutdown of any kind. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** The process id of the running gateway (the launcher execs Java, so it is the JVM's). */
    long pid() {
        return process.pid();
    }

    /** Leaves the administrator's password out, so that the first start generates one. */
    Mxgate withGeneratedPassword() {
        env.remove("MXGATE_ADMIN_PASSWORD");
        return this;
    }

    Api api() {
        return new Api(httpPort, "admin", PASSWORD);
    }

    /** The certificate the launcher made on the first start, as a PEM file (for clients to trust it). */
    Path certificatePem() throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        String password = Files.readString(dataDir.resolve("tls/keystore-password")).strip();
        try (var in = Files.newInputStream(dataDir.resolve("tls/mxgate.p12"))) {
            store.load(in, password.toCharArray());
        }
        byte[] der = store.getCertificate("mxgate").getEncoded();
        Path pem = WORK.resolve(dataDir.getFileName() + "-cert.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64,
                "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der) + "\n-----END CERTIFICATE-----\n");
        return pem;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
