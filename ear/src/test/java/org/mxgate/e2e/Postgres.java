package org.mxgate.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A throw-away PostgreSQL server on a loopback port, with database and user {@code mxgate}. */
final class Postgres implements AutoCloseable {

    static final String PASSWORD = "mxgate-e2e";

    final int port = Ports.free();
    private final Path dir;
    private final Path bin;
    private final boolean root = "root".equals(System.getProperty("user.name"));

    Postgres(String name) throws IOException {
        dir = Mxgate.WORK.resolve(name);
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.sorted().reduce((a, b) -> b).orElseThrow().resolve("bin");
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/mxgate";
    }

    Postgres start() throws Exception {
        Mxgate.deleteTree(dir);
        Files.createDirectories(dir);
        if (root) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        Path pw = dir.resolve("pw");
        Files.writeString(pw, PASSWORD);
        if (root) {
            run(List.of("chown", "postgres", pw.toString()));
        }
        asOwner(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "mxgate",
                "--pwfile", pw.toString(), "--auth-local=trust", "--auth-host=scram-sha-256");
        startServer();
        asOwner(bin.resolve("createdb").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", "mxgate",
                "mxgate");
        Ports.awaitOpen(port, Duration.ofSeconds(20), null);
        return this;
    }

    /**
     * A role that logs in from loopback without a password (trust authentication) and owns a
     * database of the same name; returns that database's URL.
     */
    String trustedDatabase(String role) throws Exception {
        asOwner(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", "mxgate",
                "-d", "mxgate", "-c", "CREATE ROLE " + role + " LOGIN");
        asOwner(bin.resolve("createdb").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", "mxgate",
                "-O", role, role);
        Path hba = dir.resolve("data/pg_hba.conf");
        Files.writeString(hba, "host " + role + " " + role + " 127.0.0.1/32 trust\n" + Files.readString(hba));
        asOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "reload");
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + role;
    }

    /** A role that logs in from loopback without a password to database {@code mxgate}. */
    void trustedRole(String role) throws Exception {
        asOwner(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", "mxgate",
                "-d", "mxgate", "-c", "CREATE ROLE \"" + role + "\" LOGIN");
        Path hba = dir.resolve("data/pg_hba.conf");
        Files.writeString(hba, "host mxgate \"" + role + "\" 127.0.0.1/32 trust\n" + Files.readString(hba));
        asOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "reload");
    }

    /** The number of rows of {@code table} in {@code database}, asked with psql. */
    long rows(String database, String table) throws Exception {
        return Long.parseLong(sql(database, "SELECT count(*) FROM " + table));
    }

    /** Runs {@code statement} in {@code database} with psql; returns what it printed (unaligned, tuples only). */
    String sql(String database, String statement) throws Exception {
        List<String> c = new ArrayList<>();
        if (root) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U",
                "mxgate", "-d", database, "-tAc", statement));
        Clients.Result r = Clients.run(c, null);
        if (r.exit() != 0) {
            throw new IllegalStateException("psql failed:\n" + r.output());
        }
        return r.output().strip();
    }

    private void asOwner(String... command) throws Exception {
        List<String> c = new ArrayList<>();
        if (root) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        run(c);
    }

    private static void run(List<String> command) throws Exception {
        Clients.Result r = Clients.run(command, null);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + r.output());
        }
    }

    /** Starts the server on its data directory (again, after {@link #close}). */
    void startServer() throws Exception {
        asOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
    }

    /** Stops the server (its data stays; {@link #startServer} starts it again). */
    @Override
    public void close() throws Exception {
        asOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "stop");
    }
}
