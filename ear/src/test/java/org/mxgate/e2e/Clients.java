package org.mxgate.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real SMTP clients run as processes: swaks and Python's smtplib. */
final class Clients {

    record Result(int exit, String output) {
    }

    private Clients() {
    }

    /** Runs a program to its end (at most two minutes), stdin closed after {@code stdin}. */
    static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        java.nio.file.Path out = java.nio.file.Files.createTempFile("mxgate-e2e", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command + "\n" + new String(java.nio.file.Files.readAllBytes(out), StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), new String(java.nio.file.Files.readAllBytes(out), StandardCharsets.UTF_8));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }

    static Result swaks(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + port,
                "--helo", "client.e2e.test", "--timeout", "60"));
        command.addAll(List.of(args));
        return run(command, null);
    }

    /** Runs a Python 3 script (with aiosmtpd and smtplib available) given on stdin. */
    static Result python(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-"));
        command.addAll(List.of(args));
        return run(command, script);
    }
}
