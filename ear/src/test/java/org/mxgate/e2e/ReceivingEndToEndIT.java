package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Receiving: mail from swaks, smtplib and raw sockets stored and forwarded byte for byte, STARTTLS,
 * relay tricks and nmap, smuggling, clear refusals, quotas, and kill -9 right after a 250.
 */
class ReceivingEndToEndIT extends EndToEnd {

    @Test
    void swaksMessageArrivesAtThePrimaryByteForByte() throws Exception {
        api.createGateway("{\"domain\":\"fwd.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        String message = "From: Alice <alice@sender.test>\r\nTo: bob@fwd.e2e.test\r\nSubject: byte for byte\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Gr\u00fc\u00dfe aus K\u00f6ln\r\n.a line with a leading dot\r\n..two dots\r\n.\t\r\n"
                + "x".repeat(990) + "\r\n\r\nlast line\r\n";
        Path file = Mxgate.WORK.resolve("byte-for-byte.eml");
        // swaks ends the data with CRLF itself, so the file leaves out the last one
        String withoutLastLineEnd = message.substring(0, message.length() - 2);
        Files.write(file, withoutLastLineEnd.getBytes(StandardCharsets.ISO_8859_1));
        Clients.Result sent = Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to",
                "bob@fwd.e2e.test", "--data", "@" + file);
        assertThat(sent.exit()).as(sent.output()).isZero();
        String id = queueId(sent.output());

        String arrived = fromTraceHeader(primary.await(m -> m.contains(" id " + id + "\r\n"), WAIT));
        String header = "Received: from client.e2e.test ([127.0.0.1])\r\n\tby gw.e2e.test (mxgate) with ESMTP id "
                + id + "\r\n\tfor <bob@fwd.e2e.test>;\r\n\t";
        assertThat(arrived).startsWith(header);
        int end = arrived.indexOf("\r\n", header.length()) + 2;
        assertThat(arrived.substring(end)).isEqualTo(message);
        assertThat(primary.envelopes()).filteredOn(e -> e.getJsonArray("to").getString(0).equals("bob@fwd.e2e.test"))
                .singleElement().satisfies(e -> assertThat(e.getJsonArray("mail_options").getValuesAs(
                        jakarta.json.JsonString::getString)).as("RFC 6152: 8-bit content is passed on as such")
                        .contains("BODY=8BITMIME"));

        JsonObject m = api.awaitMessage("fwd.e2e.test", x -> x.getString("id").equals(id)
                && x.getString("status").equals("DELIVERED"), WAIT);
        assertThat(m.getString("sender")).isEqualTo("alice@sender.test");
        assertThat(m.getInt("attempts")).isEqualTo(1);
    }

    @Test
    void aLargeMessageIsSpooledToAFileAndDeliveredByteForByte() throws Exception {
        api.createGateway("{\"domain\":\"large.e2e.test\",\"mode\":\"HOLD\"}");
        StringBuilder text = new StringBuilder("Subject: large\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n");
        for (int i = 0; text.length() < 3_000_000; i++) {
            text.append(i % 50 == 0 ? ".leading dot " : "Gr\u00fc\u00dfe, line ").append(i).append("\r\n");
        }
        String message = text.toString();
        Path file = Mxgate.WORK.resolve("large.eml");
        Files.write(file, message.substring(0, message.length() - 2).getBytes(StandardCharsets.ISO_8859_1));
        Clients.Result sent = Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to",
                "bob@large.e2e.test", "--data", "@" + file);
        String id = queueId(sent.output());
        // held: its bytes are a file of their own beside the database, not a value in it
        Path spooled = mxgate.dataDir.resolve("spool").resolve(id);
        assertThat(spooled).exists();
        assertThat(Files.size(spooled)).isEqualTo(message.length());
        assertThat(mxgate.dataDir.resolve("spool/incoming")).isEmptyDirectory();

        assertThat(api.put("/api/gateways/large.e2e.test", "{\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}")
                .status()).isEqualTo(200);
        api.post("/api/gateways/large.e2e.test/flush", "");
        String arrived = primary.await(m -> m.contains(" id " + id + "\r\n"), WAIT);
        // after the trace header: "... id <id>\r\n\tfor <...>;\r\n\t<date>\r\n"
        int date = arrived.indexOf(";\r\n\t", arrived.indexOf(" id " + id));
        int end = arrived.indexOf("\r\n", date + 3) + 2;
        assertThat(arrived.substring(end)).isEqualTo(message);
        api.awaitMessage("large.e2e.test", x -> x.getString("id").equals(id)
                && x.getString("status").equals("DELIVERED"), WAIT);
        awaitTrue(() -> !Files.exists(spooled));
    }

    @Test
    void smtplibSendsOverStartTlsCheckingTheLaunchersCertificate() throws Exception {
        api.createGateway("{\"domain\":\"tls.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        Clients.Result sent = Clients.python(String.join("\n",
                "import smtplib, ssl, sys",
                "s = smtplib.SMTP(local_hostname='client.e2e.test')",
                "s.connect('127.0.0.1', int(sys.argv[1]))",
                "s._host = 'gw.e2e.test'",
                "print('offered', s.ehlo()[1].decode().split())",
                "s.starttls(context=ssl.create_default_context(cafile=sys.argv[2]))",
                "print('after', s.ehlo()[1].decode().split(), s.sock.version())",
                "print('refused', s.sendmail('alice@sender.test', ['bob@tls.e2e.test'],",
                "    b'Subject: over TLS\\r\\n\\r\\nsecret\\r\\n'))",
                "s.quit()"), String.valueOf(mxgate.smtpPort), mxgate.certificatePem().toString());
        assertThat(sent.output()).as(sent.output()).contains("'STARTTLS'").contains("refused {}")
                .containsPattern("after \\[[^\\]]*'ENHANCEDSTATUSCODES'[^\\]]*\\] TLSv1\\.[23]");
        assertThat(sent.output().substring(sent.output().indexOf("after"))).doesNotContain("STARTTLS");
        String arrived = fromTraceHeader(primary.await(m -> m.contains("Subject: over TLS"), WAIT));
        assertThat(arrived).startsWith("Received: from client.e2e.test ([127.0.0.1])\r\n\tby gw.e2e.test (mxgate)"
                + " with ESMTPS id ");
    }

    @Test
    void smtplibMessageForTwoGatewaysIsForwardedAndHeld() throws Exception {
        api.createGateway("{\"domain\":\"multi.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        api.createGateway("{\"domain\":\"held.e2e.test\",\"mode\":\"HOLD\"}");
        Clients.Result sent = Clients.python("""
                import smtplib, sys
                msg = b"Subject: smtplib\\r\\nMessage-ID: <smtplib-1@sender.test>\\r\\n\\r\\nhello from smtplib\\r\\n"
                with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="py.e2e.test") as s:
                    s.ehlo()
                    assert s.has_extn("pipelining") and s.has_extn("8bitmime") and s.has_extn("enhancedstatuscodes")
                    assert int(s.esmtp_features["size"]) == 26214400
                    refused = s.sendmail("", ["ann@multi.e2e.test", "ben@multi.e2e.test", "cy@held.e2e.test"], msg)
                    assert refused == {}, refused
                print("sent")
                """, String.valueOf(mxgate.smtpPort));
        assertThat(sent.output()).contains("sent");

        String arrived = primary.await(m -> m.contains("<smtplib-1@sender.test>"), WAIT);
        assertThat(arrived).contains("hello from smtplib");
        assertThat(arrived).doesNotContain("\tfor <");
        JsonObject forwarded = api.awaitMessage("multi.e2e.test", x -> x.getString("status").equals("DELIVERED"), WAIT);
        assertThat(forwarded.getString("sender")).isEmpty();
        assertThat(forwarded.getJsonArray("recipients")).hasSize(2);
        JsonObject held = api.awaitMessage("held.e2e.test", x -> true, WAIT);
        assertThat(held.getString("status")).isEqualTo("QUEUED");
        assertThat(held.getJsonArray("recipients").getJsonObject(0).getString("address")).isEqualTo("cy@held.e2e.test");
        JsonObject heldGateway = api.get("/api/gateways/held.e2e.test").object();
        assertThat(heldGateway.getJsonObject("queue").getInt("QUEUED")).isEqualTo(1);
        assertThat(heldGateway.getJsonObject("queue").getInt("DELIVERED")).isZero();
        Api.Reply raw = api.get("/api/messages/" + held.getString("id") + "/raw");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(fromTraceHeader(raw.body())).startsWith("Received: from py.e2e.test ([127.0.0.1])").endsWith("hello from smtplib\r\n");
        api.awaitQueueRuns(2); // everything due has been tried since
        assertThat(primary.texts().stream().filter(t -> t.contains("<smtplib-1@sender.test>"))).hasSize(1);
    }

    @Test
    void relayTricksAreRefused() throws Exception {
        api.createGateway("{\"domain\":\"relay.e2e.test\",\"mode\":\"HOLD\"}");
        for (String to : List.of("victim@elsewhere.test", "victim%elsewhere.test@relay.e2e.test",
                "elsewhere.test!victim@relay.e2e.test", "@relay.e2e.test:victim@elsewhere.test",
                "\"victim@elsewhere.test\"@relay.e2e.test", "victim@elsewhere.test@relay.e2e.test",
                "victim@[127.0.0.1]", "victim@relay.e2e.test.elsewhere.test")) {
            Clients.Result r = Clients.swaks(mxgate.smtpPort, "--from", "spammer@elsewhere.test", "--to", to,
                    "--quit-after", "RCPT");
            assertThat(r.output()).as("RCPT TO:<" + to + ">").containsPattern("<\\*\\* +5(50 5\\.7\\.1|01 5\\.1\\.3) ");
            assertThat(r.exit()).as(to).isNotZero();
        }
        JsonObject none = api.get("/api/gateways/relay.e2e.test").object();
        assertThat(none.getString("domain")).isEqualTo("relay.e2e.test");
        assertThat(api.get("/api/gateways/relay.e2e.test/messages").array()).isEmpty();
    }

    @Test
    void nmapFindsNoOpenRelay() throws Exception {
        // nmap builds its relay attempts from the server's own name and address; a gateway for that
        // name makes the percent hack, bang paths and source routes aim at a domain mxgate accepts.
        api.createGateway("{\"domain\":\"gw.e2e.test\",\"mode\":\"HOLD\"}");
        Clients.Result r = Clients.run(List.of("nmap", "-Pn", "-n", "-sV", "--version-intensity", "0", "-p",
                String.valueOf(mxgate.smtpPort), "--script", "smtp-open-relay", "--script-args",
                "smtp-open-relay.domain=elsewhere.test,smtp-open-relay.ip=127.0.0.1", "127.0.0.1"), null);
        assertThat(r.output()).contains("smtp-open-relay: Server doesn't seem to be an open relay, all tests failed");
        assertThat(api.get("/api/gateways/gw.e2e.test/messages").array()).isEmpty();
    }

    @Test
    void smugglingProbeYieldsExactlyOneMessage() throws Exception {
        api.createGateway("{\"domain\":\"smuggle.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        Clients.Result r = Clients.python("""
                import socket, sys
                s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
                f = s.makefile("rb")
                def reply():
                    lines = []
                    while True:
                        line = f.readline().decode()
                        lines.append(line.strip())
                        if len(line) < 4 or line[3] == " ":
                            return " | ".join(lines)
                def cmd(c):
                    s.sendall(c)
                    return reply()
                print(reply())
                print(cmd(b"EHLO probe.e2e.test\\r\\n"))
                print(cmd(b"MAIL FROM:<probe@sender.test>\\r\\n"))
                print(cmd(b"RCPT TO:<one@smuggle.e2e.test>\\r\\n"))
                print(cmd(b"DATA\\r\\n"))
                print(cmd(b"Subject: first\\r\\n\\r\\nfirst body\\n.\\nMAIL FROM:<evil@sender.test>\\r\\n"
                          b"RCPT TO:<one@smuggle.e2e.test>\\r\\nDATA\\r\\nSubject: smuggled\\r\\n\\r\\nevil\\r\\n.\\r\\n"))
                print(cmd(b"QUIT\\r\\n"))
                """, String.valueOf(mxgate.smtpPort));
        String id = queueId(r.output());
        assertThat(r.output().lines().filter(l -> l.startsWith("250 2.0.0 Ok: queued"))).hasSize(1);
        String arrived = primary.await(m -> m.contains(" id " + id + "\r\n"), WAIT);
        assertThat(arrived).contains("first body\r\n.\r\nMAIL FROM:<evil@sender.test>\r\n");
        api.awaitQueueRuns(2); // everything due has been tried since
        assertThat(api.get("/api/gateways/smuggle.e2e.test/messages").array()).hasSize(1);
        assertThat(primary.texts().stream().filter(t -> t.contains("evil\r\n"))).hasSize(1);
    }

    @Test
    void aClientGuessingAddressesIsSlowedDownThenDisconnected() throws Exception {
        Clients.Result r = Clients.python("""
                import smtplib, sys, time
                s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="guess.e2e.test")
                s.ehlo()
                s.mail("guess@sender.test")
                took, last = [], None
                for i in range(20):
                    t = time.monotonic()
                    code, text = s.rcpt("user%d@nowhere.e2e.test" % i)
                    took.append(time.monotonic() - t)
                    last = "%d %s" % (code, text.decode())
                print("first nine: at most %.2f s" % max(took[:9]))
                print("tenth to nineteenth: at least %.2f s" % min(took[9:19]))
                print("twentieth:", last)
                try:
                    s.noop()
                    print("still open")
                except smtplib.SMTPServerDisconnected:
                    print("closed")
                """, String.valueOf(mxgate.smtpPort));
        assertThat(r.output()).contains("twentieth: 421 4.7.0 gw.e2e.test Too many errors, closing the connection")
                .contains("closed");
        double fast = Double.parseDouble(r.output().replaceAll("(?s).*first nine: at most ([0-9.]+) s.*", "$1"));
        double slow = Double.parseDouble(r.output().replaceAll("(?s).*nineteenth: at least ([0-9.]+) s.*", "$1"));
        assertThat(fast).as("below the soft limit").isLessThan(0.5);
        assertThat(slow).as("from the tenth error on, each reply waits a second").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void oneAddressHoldingManySessionsLeavesRoomForTheOthers() throws Exception {
        api.createGateway("{\"domain\":\"crowd.e2e.test\",\"mode\":\"HOLD\"}");
        Clients.Result r = Clients.python("""
                import smtplib, socket, sys
                port = int(sys.argv[1])
                held, greetings = [], []
                for i in range(60):
                    s = socket.create_connection(("127.0.0.1", port), timeout=15)
                    greetings.append(s.makefile("rb").readline().decode().strip())
                    held.append(s)
                print("greeted:", sum(g.startswith("220 ") for g in greetings))
                print("refused:", sum(g == "421 4.7.0 Too many connections from your address, try again later"
                                      for g in greetings))
                # meanwhile another address sends its message
                with smtplib.SMTP("127.0.0.1", port, local_hostname="other.e2e.test",
                                  source_address=("127.0.0.2", 0)) as o:
                    o.sendmail("other@sender.test", ["a@crowd.e2e.test"], b"Subject: room\\r\\n\\r\\nx\\r\\n")
                    print("other: sent")
                """, String.valueOf(mxgate.smtpPort));
        assertThat(r.output()).as(r.output()).contains("greeted: 10").contains("refused: 50").contains("other: sent");
        assertThat(api.get("/api/gateways/crowd.e2e.test/messages").array()).hasSize(1);
    }

    @Test
    void loopsOversizeMessagesAndOverlongLinesGetClearRefusals() throws Exception {
        api.createGateway("{\"domain\":\"limits.e2e.test\",\"mode\":\"HOLD\"}");
        Clients.Result r = Clients.python("""
                import smtplib, sys
                def data_reply(msg):
                    # MAIL without SIZE=, so that only the bytes sent can be counted
                    with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="py.e2e.test") as s:
                        s.ehlo()
                        s.mail("a@sender.test")
                        s.rcpt("l@limits.e2e.test")
                        code, text = s.data(msg)
                        return "%d %s" % (code, text.decode())
                def declared_size_reply(msg):
                    with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="py.e2e.test") as s:
                        try:
                            s.sendmail("a@sender.test", ["l@limits.e2e.test"], msg)
                            return "250"
                        except smtplib.SMTPSenderRefused as e:
                            return "%d %s" % (e.smtp_code, e.smtp_error.decode())
                loop = b"".join(b"Received: from hop%d.test by hop%d.test; x\\r\\n" % (i, i) for i in range(101))
                print("loop:", data_reply(loop + b"Subject: loop\\r\\n\\r\\nbody\\r\\n"))
                big = b"Subject: big\\r\\n\\r\\n" + (b"x" * 998 + b"\\r\\n") * 27000
                print("declared:", declared_size_reply(big))
                print("big:", data_reply(big))
                print("longline:", data_reply(b"Subject: long\\r\\n\\r\\n" + b"y" * 1200 + b"\\r\\n"))
                with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="py.e2e.test") as s:
                    code, text = s.docmd("MAIL FROM:<" + "a" * 600 + "@sender.test>")
                    print("longcommand:", code, text.decode())
                """, String.valueOf(mxgate.smtpPort));
        assertThat(r.output()).contains("loop: 554 5.4.6 ").contains("declared: 552 5.3.4 ").contains("big: 552 5.3.4 ")
                .contains("longline: 500 5.5.2 ").contains("longcommand: 500 5.5.2 ");
        assertThat(api.get("/api/gateways/limits.e2e.test/messages").array()).isEmpty();
    }

    @Test
    void aGatewayAtItsQuotaRefusesNewMailForNowAndItsContactIsWarnedOnce() throws Exception {
        api.createGateway("{\"domain\":\"quota.e2e.test\",\"mode\":\"HOLD\",\"maxMessages\":2,"
                + "\"contactAddress\":\"ops-quota@sender.e2e.test\"}");
        String subject = "Subject: mxgate: the gateway for quota.e2e.test is at 90 % of its quota";
        String first = queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "q@quota.e2e.test").output());
        String second = queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "q@quota.e2e.test").output());
        assertThat(primary.await(m -> m.contains(subject), WAIT)).contains("To: <ops-quota@sender.e2e.test>")
                .contains("Messages stored: 2 of at most 2");
        Clients.Result full = Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "q@quota.e2e.test");
        assertThat(full.output()).contains("452 4.2.2 ");
        JsonObject gateway = api.get("/api/gateways/quota.e2e.test").object();
        assertThat(gateway.getInt("maxMessages")).isEqualTo(2);
        assertThat(gateway.getString("contactAddress")).isEqualTo("ops-quota@sender.e2e.test");
        assertThat(gateway.containsKey("quotaWarnedAt")).isTrue();

        // below the level and up again: warned a second time, and only then
        assertThat(api.delete("/api/messages/" + first).status()).isEqualTo(204);
        assertThat(api.delete("/api/messages/" + second).status()).isEqualTo(204);
        queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "q@quota.e2e.test").output());
        // JSON-B leaves null members out
        awaitTrue(() -> !api.get("/api/gateways/quota.e2e.test").object().containsKey("quotaWarnedAt"));
        queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "q@quota.e2e.test").output());
        awaitTrue(() -> primary.texts().stream().filter(t -> t.contains(subject)).count() == 2);

        assertThat(api.put("/api/gateways/quota.e2e.test", "{\"maxMessages\":-1}").object().getString("field"))
                .isEqualTo("maxMessages");
        assertThat(api.put("/api/gateways/quota.e2e.test", "{\"contactAddress\":\"nobody\"}").object()
                .getString("field")).isEqualTo("contactAddress");
        assertThat(api.put("/api/gateways/quota.e2e.test", "{\"maxMessages\":0}").status()).isEqualTo(200);
        queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "q@quota.e2e.test").output());
        assertThat(primary.texts().stream().filter(t -> t.contains(subject))).as("two warnings, no more").hasSize(2);
    }

    private static void awaitTrue(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited %s", WAIT).isLessThan(end);
            Thread.sleep(100);
        }
    }

    @Test
    void killNineAfter250LosesNothingDeliversOnceAndCtrlCStopsCleanly() throws Exception {
        api.createGateway("{\"domain\":\"crash.e2e.test\",\"mode\":\"HOLD\"}");
        Clients.Result sent = Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to",
                "carl@crash.e2e.test", "--header", "Subject: survives kill -9");
        String id = queueId(sent.output());
        mxgate.kill();
        mxgate.start();
        // polled: in CI one read right after a restart got a problem instead of the message (once; not understood)
        api.awaitMessage("crash.e2e.test", x -> x.getString("id").equals(id) && x.getString("status").equals("QUEUED"),
                WAIT);
        assertThat(api.put("/api/gateways/crash.e2e.test", "{\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}")
                .status()).isEqualTo(200);
        api.post("/api/gateways/crash.e2e.test/flush", "");
        primary.await(m -> m.contains(" id " + id + "\r\n"), WAIT);
        api.awaitMessage("crash.e2e.test", x -> x.getString("status").equals("DELIVERED"), WAIT);
        api.awaitQueueRuns(2); // everything due has been tried since
        assertThat(primary.texts().stream().filter(m -> m.contains(" id " + id + "\r\n"))).hasSize(1);

        assertThat(mxgate.interrupt()).as("exit code after Ctrl-C").isEqualTo(130);
        assertThat(Ports.isOpen(mxgate.smtpPort)).isFalse();
        mxgate.start();
        try {
            api.awaitMessage("crash.e2e.test", x -> x.getString("id").equals(id) && x.getString("status").equals("DELIVERED"),
                    WAIT);
        } catch (AssertionError e) {
            // what H2 said of its file, for a loss seen only in CI so far
            Path trace = mxgate.dataDir.resolve("db/mxgate.trace.db");
            throw new AssertionError(e.getMessage() + "\nH2 trace: " + (Files.exists(trace)
                    ? Files.readString(trace, StandardCharsets.UTF_8) : "none") + "\nfiles: "
                    + Files.list(mxgate.dataDir.resolve("db")).map(f -> f.getFileName() + " " + f.toFile().length()).toList(), e);
        }
    }
}
