package org.mxgate.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real content scanners on loopback ports: clamd (Debian's clamav-daemon) with a signature
 * database written here, since none can be downloaded (a content signature for the EICAR test
 * string and a hash signature), and SpamAssassin's spamd with its packaged rules, network tests
 * off, and one local rule that scores a known phrase between mxgate's tag and refuse scores.
 */
final class Scanners {

    /** The phrase the local spamd rule scores 7.0 (tag 5, refuse 10 by default). */
    static final String TAG_PHRASE = "mxgate-e2e-tag-phrase";
    static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    /** A scanner daemon of the tests: its loopback port, its directory, its process. */
    abstract static class Daemon implements AutoCloseable {
        final int port;
        final Path dir;
        private Process process;

        Daemon(String name) {
            this.port = Ports.free();
            this.dir = Mxgate.WORK.resolve(name + "-" + port);
        }

        /** Starts (or starts again, on the same port) and returns once it listens. */
        Daemon start() throws Exception {
            Files.createDirectories(dir);
            process = new ProcessBuilder(prepare()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.log").toFile())).start();
            await(dir.getFileName().toString(), port, process, dir);
            return this;
        }

        /** Writes the configuration; the command line. */
        abstract List<String> prepare() throws Exception;

        String address() {
            return "127.0.0.1:" + port;
        }

        @Override
        public void close() throws InterruptedException {
            stop(process);
        }
    }

    static final class Clamd extends Daemon {
        Clamd() {
            super("clamd");
        }

        @Override
        List<String> prepare() throws Exception {
            Files.createDirectories(dir.resolve("db"));
            byte[] blob = "mxgate hash signature test blob\n".getBytes(StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("db/mxgate-test.ndb"), "Mxgate.Test.EICAR:0:*:"
                    + HexFormat.of().formatHex("EICAR-STANDARD-ANTIVIRUS-TEST-FILE".getBytes(StandardCharsets.US_ASCII)) + "\n");
            Files.writeString(dir.resolve("db/mxgate-test.hdb"), HexFormat.of().formatHex(
                    MessageDigest.getInstance("MD5").digest(blob)) + ":" + blob.length + ":Mxgate.Test.Hash\n");
            Files.writeString(dir.resolve("clamd.conf"), String.join("\n", "Foreground yes", "TCPSocket " + port,
                    "TCPAddr 127.0.0.1", "DatabaseDirectory " + dir.resolve("db"), "LogFile " + dir.resolve("clamd.log"),
                    "StreamMaxLength 25M", "ScanMail yes", ""));
            return List.of("clamd", "-c", dir.resolve("clamd.conf").toString());
        }
    }

    static final class Spamd extends Daemon {
        Spamd() {
            super("spamd");
        }

        @Override
        List<String> prepare() throws Exception {
            Files.createDirectories(dir.resolve("site"));
            // the packaged site configuration (plugins) plus one local rule
            try (var files = Files.list(Path.of("/etc/spamassassin"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".pre")).toList()) {
                    Files.copy(f, dir.resolve("site").resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(dir.resolve("site/local.cf"), String.join("\n",
                    "body MXGATE_E2E_TAG /" + TAG_PHRASE + "/", "score MXGATE_E2E_TAG 7.0", ""));
            return List.of("spamd", "--local", "--nouser-config", "--listen=127.0.0.1:" + port,
                    "--siteconfigpath=" + dir.resolve("site"), "--pidfile=" + dir.resolve("spamd.pid"),
                    "--syslog=stderr", "--max-children=4", "--username=nobody");
        }
    }

    private static void await(String name, int port, Process process, Path dir) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + dir.resolve("out.log"));
            }
            if (Ports.isOpen(port)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not listen within 60 s; see " + dir.resolve("out.log"));
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private Scanners() {
    }
}
