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

    static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), out);
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
