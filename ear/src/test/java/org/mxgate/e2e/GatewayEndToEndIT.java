package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mxgate as a user meets it: started with {@code ./mxgate run}, administered over its API,
 * sent mail by swaks and smtplib, forwarding to a real SMTP server process.
 */
class GatewayEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Downstream primary;
    private static Dnsmasq dns;
    private static Mxgate mxgate;
    private static Api api;

    private static final List<String> RECORDS = List.of("--host-record=primary.e2e.test,127.0.0.1", "--host-record=gw.e2e.test,127.0.0.2",
                "--host-record=alias.e2e.test,127.0.0.2",
                // a live backup: the primary ranks above mxgate (gw.e2e.test)
                "--mx-host=backup.e2e.test,primary.e2e.test,10", "--mx-host=backup.e2e.test,gw.e2e.test,20",
                // mxgate (by its public address) is the best MX: delivering would loop
                "--mx-host=loop.e2e.test,alias.e2e.test,10", "--mx-host=loop.e2e.test,primary.e2e.test,20",
                "--dns-rr=nullmx.e2e.test,15,000000",
                // where bounces to senders at sender.e2e.test go
                "--mx-host=sender.e2e.test,primary.e2e.test,10",
                // domains naming mxgate as their backup MX, for automatic gateways
                "--mx-host=auto.e2e.test,primary.e2e.test,10", "--mx-host=auto.e2e.test,gw.e2e.test,20",
                "--mx-host=auto2.e2e.test,primary.e2e.test,10", "--mx-host=auto2.e2e.test,gw.e2e.test,20",
                "--mx-host=auto3.e2e.test,primary.e2e.test,10", "--mx-host=auto3.e2e.test,gw.e2e.test,20",
                "--mx-host=auto4.e2e.test,primary.e2e.test,10", "--mx-host=auto4.e2e.test,gw.e2e.test,20",
                "--mx-host=auto5.e2e.test,primary.e2e.test,10", "--mx-host=auto5.e2e.test,gw.e2e.test,20",
                "--host-record=private.e2e.test,10.1.2.3", "--mx-host=private-mx.e2e.test,private.e2e.test,10",
                "--mx-host=private-mx.e2e.test,gw.e2e.test,20",
                // a held domain whose own server is its best MX, for ETRN without a forward host
                "--mx-host=etrnmx.e2e.test,primary.e2e.test,10", "--mx-host=etrnmx.e2e.test,gw.e2e.test,20");

    @BeforeAll
    static void start() throws Exception {
        primary = new Downstream("primary", Ports.free()).start();
        dns = new Dnsmasq().start(RECORDS.toArray(String[]::new));
        mxgate = new Mxgate("gateway", primary.port).with("MXGATE_DNS_SERVERS", dns.server())
                .with("MXGATE_PUBLIC_ADDRESSES", "127.0.0.2");
        mxgate.with("MXGATE_PUBLIC_URL", "http://127.0.0.1:" + mxgate.httpPort).start();
        api = mxgate.api();
    }

    @AfterAll
    static void stop() throws Exception {
        if (mxgate != null) {
            mxgate.stop();
        }
        if (primary != null) {
            primary.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private static String queueId(String smtpOutput) {
        Matcher m = Pattern.compile("250 2\\.0\\.0 Ok: queued as ([0-9A-Z]+)").matcher(smtpOutput);
        assertThat(m.find()).as("250 with a queue id in:\n" + smtpOutput).isTrue();
        return m.group(1);
    }

    @Test
    void apiAndPagesAnswerNothingWithoutCredentials() throws Exception {
        Api anonymous = new Api(mxgate.httpPort, null, null);
        assertThat(anonymous.get("/api/gateways").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/messages/X").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/gateways", "{}").status()).isEqualTo(401);
        assertThat(anonymous.get("/admin/").status()).isEqualTo(401);
        assertThat(new Api(mxgate.httpPort, "admin", "wrong").get("/api/gateways").status()).isEqualTo(401);
        assertThat(new Api(mxgate.httpPort, "root", Mxgate.PASSWORD).get("/api/gateways").status()).isEqualTo(401);
    }

    @Test
    void badInputGetsProblemDetailsNamingTheField() throws Exception {
        Api.Reply bad = api.post("/api/gateways", "{\"domain\":\"not a domain\",\"mode\":\"HOLD\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.object().getString("field")).isEqualTo("domain");
        assertThat(bad.object().getInt("status")).isEqualTo(400);

        Api.Reply noHost = api.post("/api/gateways", "{\"domain\":\"nohost.e2e.test\",\"mode\":\"FORWARD\"}");
        assertThat(noHost.status()).isEqualTo(400);
        assertThat(noHost.object().getString("field")).isEqualTo("forwardHost");

        Api.Reply badMode = api.post("/api/gateways", "{\"domain\":\"mode.e2e.test\",\"mode\":\"BOUNCE\"}");
        assertThat(badMode.object().getString("field")).isEqualTo("mode");

        Api.Reply notJson = api.post("/api/gateways", "{\"domain\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith("application/problem+json");
        assertThat(notJson.body()).doesNotContain("Exception").doesNotContain("\tat ");

        api.createGateway("{\"domain\":\"dup.e2e.test\",\"mode\":\"HOLD\"}");
        Api.Reply dup = api.post("/api/gateways", "{\"domain\":\"DUP.e2e.test\",\"mode\":\"HOLD\"}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.contentType()).startsWith("application/problem+json");

        assertThat(api.get("/api/gateways/unknown.e2e.test").status()).isEqualTo(404);
        assertThat(api.get("/api/messages/NOSUCHID").status()).isEqualTo(404);
        assertThat(api.get("/api/gateways/unknown.e2e.test").contentType()).startsWith("application/problem+json");

        Api.Reply changed = api.put("/api/gateways/dup.e2e.test",
                "{\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\",\"forwardPort\":70000}");
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.object().getString("field")).isEqualTo("forwardPort");
        assertThat(api.delete("/api/gateways/dup.e2e.test").status()).isEqualTo(204);
        assertThat(api.get("/api/gateways/dup.e2e.test").status()).isEqualTo(404);
    }

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

        String arrived = primary.await(m -> m.contains(" id " + id + "\r\n"), WAIT);
        String header = "Received: from client.e2e.test ([127.0.0.1])\r\n\tby gw.e2e.test (mxgate) with ESMTP id "
                + id + "\r\n\tfor <bob@fwd.e2e.test>;\r\n\t";
        assertThat(arrived).startsWith(header);
        int end = arrived.indexOf("\r\n", header.length()) + 2;
        assertThat(arrived.substring(end)).isEqualTo(message);

        JsonObject m = api.awaitMessage("fwd.e2e.test", x -> x.getString("id").equals(id)
                && x.getString("status").equals("DELIVERED"), WAIT);
        assertThat(m.getString("sender")).isEqualTo("alice@sender.test");
        assertThat(m.getInt("attempts")).isEqualTo(1);
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
        String arrived = primary.await(m -> m.contains("Subject: over TLS"), WAIT);
        assertThat(arrived).startsWith("Received: from client.e2e.test ([127.0.0.1])\r\n\tby gw.e2e.test (mxgate)"
                + " with ESMTPS id ");
    }

    @Test
    void aNextHopOfferingStartTlsGetsTheMailOverTls() throws Exception {
        try (Downstream secure = Downstream.withStartTls("tls-primary", Ports.free()).start()) {
            api.createGateway("{\"domain\":\"tlsout.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1:"
                    + secure.port + "\"}");
            String id = queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to",
                    "bob@tlsout.e2e.test", "--header", "Subject: out over TLS").output());
            secure.await(m -> m.contains("Subject: out over TLS"), WAIT);
            assertThat(secure.envelopes()).singleElement().satisfies(e -> assertThat(e.getBoolean("tls")).isTrue());
            String relay = api.awaitMessage("tlsout.e2e.test", m -> m.getString("id").equals(id)
                    && m.getString("status").equals("DELIVERED"), WAIT).getString("id");
            assertThat(api.get("/api/messages/" + relay).body()).containsPattern("\"relay\":\"127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:\\d+ \\(TLSv1\\.[23] ");
        }
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
        assertThat(raw.body()).startsWith("Received: from py.e2e.test ([127.0.0.1])").endsWith("hello from smtplib\r\n");
        api.awaitQueueRuns(2); // everything due has been tried since
        assertThat(primary.texts().stream().filter(t -> t.contains("<smtplib-1@sender.test>"))).hasSize(1);
    }

    @Test
    void mailWaitsWhileThePrimaryIsDownAndArrivesOnceItIsBack() throws Exception {
        int port = Ports.free();
        api.createGateway("{\"domain\":\"down.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\","
                + "\"forwardPort\":" + port + "}");
        Clients.Result sent = Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to",
                "dora@down.e2e.test", "--header", "Subject: while down");
        String id = queueId(sent.output());
        JsonObject deferred = api.awaitMessage("down.e2e.test", x -> x.getString("id").equals(id)
                && x.getString("status").equals("DEFERRED"), WAIT);
        assertThat(deferred.getString("lastError")).contains("4.4.1 connect to 127.0.0.1[127.0.0.1]:" + port);
        assertThat(deferred.getString("nextAttemptAt")).isNotEmpty();
        JsonObject health = api.get("/api/gateways/down.e2e.test").object().getJsonObject("health");
        assertThat(health.getString("state")).isEqualTo("DOWN");
        assertThat(health.getString("lastError")).contains("4.4.1 connect to 127.0.0.1[127.0.0.1]:" + port);
        assertThat(health.getInt("backlogMessages")).isEqualTo(1);
        Api.Reply one = api.get("/api/messages/" + id);
        assertThat(one.object().getJsonArray("history")).isNotEmpty();
        assertThat(one.object().getJsonArray("history").getJsonObject(0).getString("outcome")).isEqualTo("deferred");

        try (Downstream back = new Downstream("back-up", port).start()) {
            assertThat(api.post("/api/gateways/down.e2e.test/flush", "").status()).isEqualTo(200);
            String arrived = back.await(m -> m.contains(" id " + id + "\r\n"), WAIT);
            assertThat(arrived).contains("Subject: while down");
            api.awaitMessage("down.e2e.test", x -> x.getString("id").equals(id)
                    && x.getString("status").equals("DELIVERED"), WAIT);
            JsonObject recovered = api.get("/api/gateways/down.e2e.test").object().getJsonObject("health");
            assertThat(recovered.getString("state")).isEqualTo("UP");
            assertThat(recovered.getInt("backlogMessages")).isZero();
            api.awaitQueueRuns(2); // everything due has been tried since
            assertThat(back.messages()).hasSize(1);
        }
    }

    @Test
    void aRecoveringPrimaryGetsTheBacklogWithinTheGatewaysPacing() throws Exception {
        String pacing = "\"maxConnections\":2,\"messagesPerConnection\":3";
        api.createGateway("{\"domain\":\"paced.e2e.test\",\"mode\":\"HOLD\"," + pacing + "}");
        Clients.Result sent = Clients.python("""
                import smtplib, sys
                with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="py.e2e.test") as s:
                    for i in range(12):
                        s.sendmail("alice@sender.test", ["p%d@paced.e2e.test" % i], b"Subject: paced %d\\r\\n\\r\\nx\\r\\n" % i)
                print("sent")
                """, String.valueOf(mxgate.smtpPort));
        assertThat(sent.output()).contains("sent");
        try (Downstream paced = new Downstream("paced", Ports.free()).start()) {
            assertThat(api.put("/api/gateways/paced.e2e.test", "{\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1:"
                    + paced.port + "\"," + pacing + "}").status()).isEqualTo(200);
            api.post("/api/gateways/paced.e2e.test/flush", "");
            long end = System.nanoTime() + WAIT.toNanos();
            while (paced.envelopes().size() < 12 && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            Map<Integer, List<Double>> byConnection = new java.util.TreeMap<>();
            for (JsonObject e : paced.envelopes()) {
                byConnection.computeIfAbsent(e.getInt("peer"), p -> new java.util.ArrayList<>())
                        .add(e.getJsonNumber("time").doubleValue());
            }
            assertThat(byConnection.values().stream().mapToInt(List::size).sum()).isEqualTo(12);
            // 12 messages, 2 connections at a time, 3 per connection: 4 connections of 3 (the
            // server's own limits, 8 and 100, would give 8 connections of 1 or 2)
            assertThat(byConnection.values()).extracting(List::size).containsExactly(3, 3, 3, 3);
            int mostAtOnce = 0;
            for (List<Double> a : byConnection.values()) {
                double at = a.get(0);
                mostAtOnce = Math.max(mostAtOnce, (int) byConnection.values().stream()
                        .filter(b -> b.get(0) <= at && at <= b.get(b.size() - 1)).count());
            }
            assertThat(mostAtOnce).as("at most 2 connections at once").isBetween(1, 2);
        }
    }

    @Test
    void forwardHostNamesAreLookedUpInTheConfiguredDns() throws Exception {
        api.createGateway("{\"domain\":\"named.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"primary.e2e.test\"}");
        api.createGateway("{\"domain\":\"nxhost.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"missing.e2e.test\"}");
        String id = queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "n@named.e2e.test")
                .output());
        primary.await(m -> m.contains(" id " + id + "\r\n"), WAIT);
        JsonObject delivered = api.awaitMessage("named.e2e.test", x -> x.getString("id").equals(id)
                && x.getString("status").equals("DELIVERED"), WAIT);
        assertThat(delivered.getJsonArray("recipients").getJsonObject(0).getString("reply")).startsWith("250 ");
        JsonObject attempts = api.get("/api/messages/" + id).object();
        assertThat(attempts.getJsonArray("history").stream().map(v -> v.asJsonObject())
                .filter(a -> a.getString("outcome").equals("sent")).map(a -> a.getString("relay", null)))
                .as(attempts.toString()).containsExactly("primary.e2e.test[127.0.0.1]:" + primary.port);

        String lost = queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "x@nxhost.e2e.test")
                .output());
        JsonObject deferred = api.awaitMessage("nxhost.e2e.test", x -> x.getString("id").equals(lost)
                && x.getString("status").equals("DEFERRED"), WAIT);
        assertThat(deferred.getString("lastError")).isEqualTo("4.4.4 host missing.e2e.test not found");
    }

    @Test
    void liveBackupDeliversOnlyAboveItselfAndNeverLoops() throws Exception {
        for (String domain : List.of("backup.e2e.test", "loop.e2e.test", "nullmx.e2e.test")) {
            api.createGateway("{\"domain\":\"" + domain + "\",\"mode\":\"MX\"}");
        }
        String backedUp = queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to",
                "b@backup.e2e.test").output());
        primary.await(m -> m.contains(" id " + backedUp + "\r\n"), WAIT);
        JsonObject delivered = api.awaitMessage("backup.e2e.test", x -> x.getString("id").equals(backedUp)
                && x.getString("status").equals("DELIVERED"), WAIT);
        JsonObject history = api.get("/api/messages/" + delivered.getString("id")).object();
        assertThat(history.getJsonArray("history").stream().map(v -> v.asJsonObject())
                .filter(a -> a.getString("outcome").equals("sent")).map(a -> a.getString("relay", null)))
                .as(history.toString()).containsExactly("primary.e2e.test[127.0.0.1]:" + primary.port);

        String looping = queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to",
                "l@loop.e2e.test").output());
        JsonObject failed = api.awaitMessage("loop.e2e.test", x -> x.getString("id").equals(looping)
                && x.getString("status").equals("FAILED"), WAIT);
        assertThat(failed.getJsonArray("recipients").getJsonObject(0).getString("reply"))
                .isEqualTo("5.4.6 mail for loop.e2e.test loops back to myself");

        String refused = queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to",
                "n@nullmx.e2e.test").output());
        JsonObject nullMx = api.awaitMessage("nullmx.e2e.test", x -> x.getString("id").equals(refused)
                && x.getString("status").equals("FAILED"), WAIT);
        assertThat(nullMx.getJsonArray("recipients").getJsonObject(0).getString("reply")).startsWith("5.1.10 ");
        assertThat(primary.texts().stream().filter(t -> t.contains(" id " + looping + "\r\n")
                || t.contains(" id " + refused + "\r\n"))).isEmpty();
    }

    @Test
    void aRefusedRecipientIsBouncedABusyOneRetriedAndNothingGoesToTheNullSender() throws Exception {
        api.createGateway("{\"domain\":\"bounce.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        String id = queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.e2e.test", "--to",
                "reject-me@bounce.e2e.test,ok@bounce.e2e.test", "--header", "Subject: half refused").output());
        String report = primary.await(m -> m.contains("X-Mxgate-Queue-ID: " + id), WAIT);
        assertThat(report).contains("To: <alice@sender.e2e.test>")
                .contains("Content-Type: multipart/report; report-type=delivery-status;")
                .contains("Final-Recipient: rfc822; reject-me@bounce.e2e.test\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                .contains("Diagnostic-Code: smtp; 550 5.1.1 <reject-me@bounce.e2e.test>: Recipient address rejected")
                .contains("Subject: half refused").doesNotContain("Final-Recipient: rfc822; ok@bounce.e2e.test");
        assertThat(primary.texts().stream().filter(t -> t.startsWith("Received: ") && t.contains(" id " + id + ";")
                && t.contains("Subject: half refused"))).as("the accepted recipient got it").hasSize(1);
        // the recipients are part of the condition: on the embedded H2 a listing read while an
        // attempt commits was seen once with the message's new status and its recipients' old rows
        api.awaitMessage("bounce.e2e.test", x -> x.getString("id").equals(id)
                && x.getString("status").equals("FAILED") && x.getJsonArray("recipients").stream()
                        .map(r -> r.asJsonObject().getString("status")).sorted().toList()
                        .equals(List.of("DELIVERED", "FAILED")), WAIT);

        String busy = queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.e2e.test", "--to",
                "busy-now@bounce.e2e.test").output());
        JsonObject waiting = api.awaitMessage("bounce.e2e.test", x -> x.getString("id").equals(busy)
                && x.getString("status").equals("DEFERRED") && x.getJsonArray("recipients").size() == 1
                && x.getJsonArray("recipients").getJsonObject(0).containsKey("reply"), WAIT);
        assertThat(waiting.getJsonArray("recipients").getJsonObject(0).getString("reply"))
                .as("a 4xx is retried, not bounced").startsWith("450 4.2.1 <busy-now@bounce.e2e.test>");
        assertThat(waiting.getString("nextAttemptAt")).isNotEmpty();

        String fromNull = queueId(Clients.swaks(mxgate.smtpPort, "--from", "", "--to", "reject-too@bounce.e2e.test")
                .output());
        api.awaitMessage("bounce.e2e.test", x -> x.getString("id").equals(fromNull)
                && x.getString("status").equals("FAILED"), WAIT);
        api.awaitQueueRuns(2); // everything due has been tried since
        assertThat(primary.texts().stream().filter(t -> t.contains("X-Mxgate-Queue-ID: " + fromNull)
                || t.contains("X-Mxgate-Queue-ID: " + busy))).isEmpty();
    }

    @Test
    void dsnRequestsGoOnToANextHopWithDsnAndAreAnsweredForOneWithout() throws Exception {
        try (Downstream sink = Downstream.smtpSink("dsn-sink", Ports.free()).start()) {
            api.createGateway("{\"domain\":\"dsn.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1:"
                    + sink.port + "\"}");
            api.createGateway("{\"domain\":\"nodsn.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
            Clients.Result sent = Clients.python("""
                    import smtplib, sys
                    with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="py.e2e.test") as s:
                        s.ehlo()
                        assert s.has_extn("dsn")
                        s.sendmail("alice@sender.e2e.test", ["ann@dsn.e2e.test"],
                                   b"Subject: dsn on\\r\\n\\r\\nbody\\r\\n", ["RET=HDRS", "ENVID=QQ+2B1"],
                                   ["NOTIFY=SUCCESS,FAILURE", "ORCPT=rfc822;ann+2Bold@dsn.e2e.test"])
                        s.mail("alice@sender.e2e.test", ["ENVID=QQ2"])
                        assert s.rcpt("ok-dsn@nodsn.e2e.test", ["NOTIFY=SUCCESS"])[0] == 250
                        assert s.rcpt("reject-quiet@nodsn.e2e.test", ["NOTIFY=NEVER"])[0] == 250
                        assert s.rcpt("bad@nodsn.e2e.test", ["NOTIFY=SOMETIMES"])[0] == 501
                        code, reply = s.data(b"Subject: dsn off\\r\\n\\r\\nbody\\r\\n")
                        assert code == 250, reply
                        print(code, reply.decode())
                    print("sent")
                    """, String.valueOf(mxgate.smtpPort));
            assertThat(sent.output()).contains("sent");
            String passed = sink.await(m -> m.contains("Subject: dsn on"), WAIT);
            assertThat(passed).as("the next hop that offers DSN gets the request")
                    .contains("X-Mail-Args: <alice@sender.e2e.test> RET=HDRS ENVID=QQ+2B1\n")
                    .contains("X-Rcpt-Args: <ann@dsn.e2e.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;ann+2Bold@dsn.e2e.test\n");

            String id = queueId(sent.output());
            String relayed = primary.await(m -> m.contains("X-Mxgate-Queue-ID: " + id), WAIT);
            assertThat(relayed).as("mxgate says relayed when the next hop cannot report success")
                    .contains("To: <alice@sender.e2e.test>").contains("Original-Envelope-Id: QQ2\r\n")
                    .contains("Final-Recipient: rfc822; ok-dsn@nodsn.e2e.test\r\nAction: relayed\r\nStatus: 2.0.0\r\n")
                    .doesNotContain("reject-quiet");
            api.awaitMessage("nodsn.e2e.test", x -> x.getString("id").equals(id)
                    && x.getString("status").equals("FAILED"), WAIT);
            api.awaitQueueRuns(2); // everything due has been tried since
            assertThat(primary.texts().stream().filter(t -> t.contains("X-Mxgate-Queue-ID: " + id)))
                    .as("NOTIFY=NEVER: no bounce for the refused recipient").hasSize(1);
            assertThat(primary.texts().stream().filter(t -> t.contains("Subject: dsn on"))).as("no relayed report"
                    + " for mail the DSN next hop took").isEmpty();
        }
    }

    @Test
    void gatewaysAreCreatedForDomainsNamingMxgateAsBackupMxAndConfirmedEachWay() throws Exception {
        api.createGateway("{\"domain\":\"local.e2e.test\",\"mode\":\"HOLD\"}");
        assertThat(api.put("/api/auto-gateways/settings", "{\"enabled\":true,\"requireConfirmation\":true}")
                .object().getString("field")).as("no confirmation address yet").isEqualTo("confirmationAddress");
        Api.Reply settings = api.put("/api/auto-gateways/settings", "{\"enabled\":true,"
                + "\"reservedRanges\":\"10.0.0.0/8, 192.168.0.0/16\",\"confirmationAddress\":\"admin@sender.e2e.test\","
                + "\"maxPerClientPerHour\":4}");
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        try {
            Browser admin = new Browser(mxgate.httpPort, Mxgate.PASSWORD);
            String form = admin.get("/admin/auto.xhtml");
            assertThat(form).contains("value=\"admin@sender.e2e.test\"").contains("10.0.0.0/8, 192.168.0.0/16");
            String refusedForm = admin.submit(form, "settings", Map.of("enabled", "on", "skipLocalSenders", "on",
                    "refuseReservedMx", "on", "reservedRanges", "10.0.0.0/8, 192.168.0.0/16", "requireConfirmation",
                    "on", "confirmationAddress", "admin@sender.e2e.test", "confirmWithinMinutes", "0",
                    "maxPerClientPerHour", "4", "templateDomain", ""), "save");
            assertThat(refusedForm).as("the form names what is wrong").contains("between 1 and 43200 minutes");
            assertThat(api.get("/api/auto-gateways/settings").object().getInt("confirmWithinMinutes")).isEqualTo(60);

            Clients.Result refused = Clients.python("""
                    import smtplib, sys
                    with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="py.e2e.test") as s:
                        s.ehlo()
                        s.mail("alice@local.e2e.test")
                        print("local", s.rcpt("x@auto3.e2e.test"))
                        s.rset()
                        s.mail("bob@sender.e2e.test")
                        for d in ["loop.e2e.test", "sender.e2e.test", "private-mx.e2e.test", "nullmx.e2e.test",
                                  "nothere.e2e.test", "down.example"]:
                            code, text = s.rcpt("x@" + d)
                            print(d, code, text.decode())
                    """, String.valueOf(mxgate.smtpPort));
            assertThat(refused.output()).as(refused.output())
                    .contains("local (550, b'5.7.1 Error: relay access denied')")
                    .contains("loop.e2e.test 550 5.7.1").contains("sender.e2e.test 550 5.7.1")
                    .contains("private-mx.e2e.test 550 5.7.1").contains("nullmx.e2e.test 550 5.7.1")
                    .contains("nothere.e2e.test 550 5.7.1").contains("down.example 451 4.4.3");
            assertThat(api.get("/api/gateways/auto3.e2e.test").status()).as("not for a local sender").isEqualTo(404);
            assertThat(api.get("/api/gateways/loop.e2e.test").status()).isEqualTo(404);

            String first = queueId(Clients.swaks(mxgate.smtpPort, "--from", "bob@sender.e2e.test", "--to",
                    "one@auto.e2e.test", "--header", "Subject: first for auto").output());
            JsonObject created = api.get("/api/gateways/auto.e2e.test").object();
            assertThat(created.getString("automatic")).isEqualTo("PENDING");
            assertThat(created.getString("mode")).isEqualTo("MX");
            assertThat(created.getString("createdForClient")).isEqualTo("127.0.0.1");
            assertThat(admin.get("/admin/auto.xhtml")).as("listed as waiting for confirmation")
                    .containsPattern("<td>auto\\.e2e\\.test</td>\\s*<td>127\\.0\\.0\\.1</td>");
            String notice = primary.await(m -> m.contains("Subject: mxgate: confirm the new gateway for auto.e2e.test"),
                    WAIT);
            assertThat(notice).contains("To: <admin@sender.e2e.test>").contains("Sending client: [127.0.0.1]")
                    .contains("10 primary.e2e.test [127.0.0.1]; 20 gw.e2e.test [127.0.0.2]");
            assertThat(primary.texts().stream().filter(t -> t.contains("Subject: first for auto")))
                    .as("stored, not delivered while pending").isEmpty();
            String page = confirmByLink(notice);
            assertThat(page).contains("The gateway for <strong>auto.e2e.test</strong> is confirmed");
            assertThat(primary.await(m -> m.contains("Subject: first for auto"), WAIT)).contains(" id " + first);
            assertThat(api.get("/api/gateways/auto.e2e.test").object().getString("automatic")).isEqualTo("CONFIRMED");

            Clients.swaks(mxgate.smtpPort, "--from", "bob@sender.e2e.test", "--to", "two@auto2.e2e.test", "--header",
                    "Subject: first for auto2");
            Matcher token = Pattern.compile("Confirmation token: ([0-9a-f]{40})").matcher(primary.await(
                    m -> m.contains("Subject: mxgate: confirm the new gateway for auto2.e2e.test"), WAIT));
            assertThat(token.find()).isTrue();
            assertThat(api.post("/api/auto-gateways/confirm", "{\"token\":\"" + token.group(1) + "\"}").status())
                    .isEqualTo(200);
            primary.await(m -> m.contains("Subject: first for auto2"), WAIT);

            Clients.swaks(mxgate.smtpPort, "--from", "bob@sender.e2e.test", "--to", "four@auto4.e2e.test");
            assertThat(api.post("/api/auto-gateways/confirm", "{\"domain\":\"auto4.e2e.test\"}").status())
                    .isEqualTo(200);
            assertThat(api.post("/api/auto-gateways/confirm", "{\"domain\":\"auto4.e2e.test\"}").status())
                    .as("confirmed already").isEqualTo(409);

            Clients.swaks(mxgate.smtpPort, "--from", "bob@sender.e2e.test", "--to", "five@auto5.e2e.test");
            Matcher replyTo = Pattern.compile("Reply-To: <(confirm\\+[0-9a-f]{40}@gw\\.e2e\\.test)>").matcher(
                    primary.await(m -> m.contains("Subject: mxgate: confirm the new gateway for auto5.e2e.test"), WAIT));
            assertThat(replyTo.find()).isTrue();
            assertThat(Clients.swaks(mxgate.smtpPort, "--from", "admin@sender.e2e.test", "--to", replyTo.group(1),
                    "--header", "Subject: Re: mxgate: confirm the new gateway for auto5.e2e.test").output())
                    .as("nothing is queued for a confirmation reply, so no queue id").contains("250 2.0.0 Ok: confirmation taken, nothing queued");
            assertThat(api.get("/api/gateways/auto5.e2e.test").object().getString("automatic")).isEqualTo("CONFIRMED");
            assertThat(Clients.swaks(mxgate.smtpPort, "--from", "admin@sender.e2e.test", "--to", replyTo.group(1))
                    .output()).as("a token works once").contains("550 5.1.1 Error: no gateway is waiting");

            assertThat(Clients.swaks(mxgate.smtpPort, "--from", "bob@sender.e2e.test", "--to", "x@auto3.e2e.test")
                    .output()).as("four creations from one client in an hour are the limit")
                    .contains("450 4.7.1 Error: too many new domains from your address");
            List<String> audit = api.get("/api/auto-gateways/audit").array().stream()
                    .map(v -> v.asJsonObject().getString("domain") + " " + v.asJsonObject().getString("action") + " "
                            + v.asJsonObject().getString("client", "")).toList();
            assertThat(audit).contains("auto.e2e.test CREATED 127.0.0.1", "auto.e2e.test CONFIRMED link",
                    "auto2.e2e.test CONFIRMED api", "auto4.e2e.test CONFIRMED api",
                    "auto5.e2e.test CONFIRMED reply from [127.0.0.1]").hasSize(8);
            assertThat(api.get("/admin/").body()).contains("automatic: confirmed");

            // the DNS of auto4 stops naming mxgate: its new mail is refused, until it names it again
            restartDns(RECORDS.stream().filter(r -> !r.equals("--mx-host=auto4.e2e.test,gw.e2e.test,20")).toList());
            assertThat(api.post("/api/auto-gateways/recheck", "").status()).isEqualTo(200);
            assertThat(api.get("/api/gateways/auto4.e2e.test").object().getString("automatic")).isEqualTo("DELISTED");
            assertThat(Clients.swaks(mxgate.smtpPort, "--from", "bob@sender.e2e.test", "--to", "y@auto4.e2e.test")
                    .output()).contains("550 5.7.1 Error: relay access denied (this server is no longer an MX host");
            assertThat(api.get("/admin/").body()).contains("the DNS no longer names this server");
            restartDns(RECORDS);
            api.post("/api/auto-gateways/recheck", "");
            assertThat(api.get("/api/gateways/auto4.e2e.test").object().getString("automatic")).isEqualTo("CONFIRMED");
            assertThat(api.get("/api/auto-gateways/audit?domain=auto4.e2e.test").array()).extracting(
                    v -> v.asJsonObject().getString("action")).startsWith("RELISTED", "DELISTED");
        } finally {
            api.put("/api/auto-gateways/settings", "{\"enabled\":false}");
        }
    }

    private static void restartDns(List<String> records) throws Exception {
        int port = dns.port;
        dns.close();
        dns = new Dnsmasq(port).start(records.toArray(String[]::new));
    }

    /** Opens the link in a confirmation message and presses its button, as a browser would. */
    private String confirmByLink(String notice) throws Exception {
        Matcher link = Pattern.compile("(http://\\S+/confirm\\.xhtml\\?token=[0-9a-f]{40})").matcher(notice);
        assertThat(link.find()).as(notice).isTrue();
        Browser visitor = new Browser(mxgate.httpPort, null);
        String form = visitor.get(link.group(1));
        assertThat(form).contains("Confirm auto.e2e.test");
        return visitor.submit(form, "confirm", Map.of(), "yes");
    }

    @Test
    void fetchmailsEtrnReleasesHeldMailOnlyForAllowedServers() throws Exception {
        api.createGateway("{\"domain\":\"etrn.e2e.test\",\"mode\":\"HOLD\",\"forwardHost\":\"127.0.0.1\"}");
        assertThat(etrn("etrn.e2e.test")).as("no collection configured").startsWith("459 4.7.1 ");
        assertThat(api.put("/api/gateways/etrn.e2e.test/collection", "{\"methods\":[\"ETRN\"],"
                + "\"allowedAddresses\":[\"127.0.0.2\"]}").status()).isEqualTo(200);
        assertThat(etrn("etrn.e2e.test")).as("not from this address").startsWith("459 4.7.1 ");
        JsonObject gateway = api.put("/api/gateways/etrn.e2e.test/collection",
                "{\"allowedAddresses\":[\"127.0.0.0/8\"]}").object();
        assertThat(gateway.getJsonObject("collection").toString())
                .isEqualTo("{\"allowedAddresses\":[\"127.0.0.0/8\"],\"authRequired\":false,\"methods\":[\"ETRN\"],"
                        + "\"passwordSet\":false,\"releaseOnContact\":false}");
        assertThat(api.put("/api/gateways/etrn.e2e.test/collection", "{\"methods\":[\"SMOKE\"]}").object()
                .getString("field")).isEqualTo("methods");
        assertThat(etrn("etrn.e2e.test")).startsWith("251 2.0.0 OK, no messages waiting");
        assertThat(etrn("#etrn.e2e.test")).as("the gateway's queue by name").startsWith("251 2.0.0 OK, no messages waiting");
        assertThat(etrn("nothing.e2e.test")).startsWith("459 4.7.1 ");
        assertThat(etrn("two words")).startsWith("501 5.5.4 ");

        for (int i = 0; i < 2; i++) {
            Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "held" + i + "@etrn.e2e.test",
                    "--header", "Subject: held for etrn " + i);
        }
        api.awaitQueueRuns(2); // everything due has been tried since
        assertThat(primary.texts().stream().filter(t -> t.contains("Subject: held for etrn"))).as("held").isEmpty();

        Path home = Files.createTempDirectory(Mxgate.WORK, "fetchmail");
        Path rc = home.resolve("fetchmailrc");
        Files.writeString(rc, "");
        Files.setPosixFilePermissions(rc, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Clients.Result fetchmail = Clients.run(List.of("env", "FETCHMAILHOME=" + home, "fetchmail", "-v",
                "--nosyslog", "--fetchmailrc", rc.toString(), "--protocol", "ETRN", "--service",
                String.valueOf(mxgate.smtpPort), "--fetchdomains", "etrn.e2e.test", "127.0.0.1"), null);
        assertThat(fetchmail.output()).as(fetchmail.output()).contains("ETRN etrn.e2e.test")
                .contains("253 2.0.0 OK, 2 pending messages for node etrn.e2e.test started");
        for (int i = 0; i < 2; i++) {
            int n = i;
            primary.await(m -> m.contains("Subject: held for etrn " + n), WAIT);
        }
        long end = System.nanoTime() + WAIT.toNanos();
        while (!api.get("/api/gateways/etrn.e2e.test/messages").array().stream()
                .allMatch(v -> v.asJsonObject().getString("status").equals("DELIVERED"))) {
            assertThat(System.nanoTime()).as("both recorded as delivered").isLessThan(end);
            Thread.sleep(200);
        }
        assertThat(etrn("@e2e.test")).as("nothing left, and a subtree covers the gateway")
                .startsWith("251 2.0.0 OK, no messages waiting");
        api.awaitQueueRuns(2); // everything due has been tried since
        assertThat(primary.texts().stream().filter(t -> t.contains("Subject: held for etrn"))).as("each once").hasSize(2);

        assertThat(raw(mxgate.smtpPort, null, "EHLO raw.e2e.test", "MAIL FROM:<a@sender.test>", "ETRN etrn.e2e.test",
                "QUIT")).contains("503 5.5.1 Error: ETRN is not allowed inside a mail transaction");
        api.put("/api/gateways/etrn.e2e.test", "{\"enabled\":false}");
        assertThat(etrn("etrn.e2e.test")).startsWith("458 4.7.0 Unable to queue messages for node etrn.e2e.test");
        api.put("/api/gateways/etrn.e2e.test", "{\"enabled\":true}");

        // a gateway that requires authentication: ETRN only from a session logged in as it
        assertThat(api.put("/api/gateways/etrn.e2e.test/collection", "{\"authRequired\":true,"
                + "\"password\":\"etrn collection secret\"}").status()).isEqualTo(200);
        Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "held@etrn.e2e.test", "--header",
                "Subject: held for authenticated etrn");
        assertThat(etrn("etrn.e2e.test")).startsWith("530 5.7.0 Authentication required");
        String login = "AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(
                "\0etrn.e2e.test\0etrn collection secret".getBytes(StandardCharsets.UTF_8));
        assertThat(raw(mxgate.odmrPort, null, "EHLO c.e2e.test", "ETRN etrn.e2e.test", login, "ETRN etrn.e2e.test",
                "QUIT")).contains("530 5.7.0 Authentication required\r\n235 2.7.0")
                .contains("253 2.0.0 OK, 1 pending messages for node etrn.e2e.test started");
        primary.await(m -> m.contains("Subject: held for authenticated etrn"), WAIT);

        // without a forward host, ETRN releases the mail to the MX hosts above mxgate
        api.createGateway("{\"domain\":\"etrnmx.e2e.test\",\"mode\":\"HOLD\"}");
        api.put("/api/gateways/etrnmx.e2e.test/collection", "{\"methods\":[\"ETRN\"],\"allowedAddresses\":[\"127.0.0.1\"]}");
        Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "held@etrnmx.e2e.test", "--header",
                "Subject: held for the best MX");
        api.awaitQueueRuns(2); // everything due has been tried since
        assertThat(primary.texts().stream().filter(t -> t.contains("Subject: held for the best MX"))).as("held").isEmpty();
        assertThat(etrn("etrnmx.e2e.test")).startsWith("253 2.0.0 OK, 1 pending messages");
        primary.await(m -> m.contains("Subject: held for the best MX"), WAIT);
        String id = api.awaitMessage("etrnmx.e2e.test", m -> m.getString("status").equals("DELIVERED"), WAIT)
                .getString("id");
        assertThat(api.get("/api/messages/" + id).body()).as("sent by MX").contains("\"relay\":\"primary.e2e.test[127.0.0.1]");
    }

    @Test
    void aMultidropPop3ClientCollectsTheGatewaysMailAndOnlyQuitRemovesIt() throws Exception {
        api.createGateway("{\"domain\":\"pop.e2e.test\",\"mode\":\"HOLD\"}");
        assertThat(api.put("/api/gateways/pop.e2e.test/collection", "{\"methods\":[\"POP3\"],\"allowedAddresses\":"
                + "[\"127.0.0.1\",\"127.0.0.3\"],\"authRequired\":true,\"password\":\"correct horse battery\"}").status())
                .isEqualTo(200);
        String two = queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to",
                "ann@pop.e2e.test,ben@pop.e2e.test", "--header", "Subject: pop for two").output());
        queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "cy@pop.e2e.test", "--header",
                "Subject: pop for one").output());

        assertThat(pop3("USER pop.e2e.test", "PASS wrong password!")).contains("-ERR [AUTH] invalid login");
        assertThat(raw(mxgate.pop3Port, "127.0.0.2", "USER pop.e2e.test", "PASS correct horse battery", "QUIT"))
                .as("from an address the gateway does not allow").contains("-ERR [AUTH] invalid login")
                .doesNotContain("maildrop");
        assertThat(raw(mxgate.pop3Port, "127.0.0.3", "USER pop.e2e.test", "PASS correct horse battery", "QUIT"))
                .as("an allowed address").contains("+OK maildrop has 3 message(s)");
        for (int i = 0; i < 4; i++) {
            raw(mxgate.pop3Port, "127.0.0.3", "USER pop.e2e.test", "PASS guess " + i, "USER pop.e2e.test",
                    "PASS guess " + i + "b", "USER pop.e2e.test", "PASS guess " + i + "c");
        }
        assertThat(raw(mxgate.pop3Port, "127.0.0.3", "USER pop.e2e.test", "PASS correct horse battery", "QUIT"))
                .as("an address that guessed too often gets no check for a while").contains("-ERR [AUTH] invalid login")
                .doesNotContain("maildrop");
        String dropped = pop3("USER pop.e2e.test", "PASS correct horse battery", "STAT", "UIDL", "TOP 1 0", "DELE 1",
                "DELE 2");
        assertThat(dropped).as("one copy per recipient").contains("+OK maildrop has 3 message(s)")
                .containsPattern("\\r\\n1 " + two + "-[0-9a-f]{12}\\r\\n2 " + two + "-[0-9a-f]{12}\\r\\n")
                .contains("X-Envelope-To: ann@pop.e2e.test\r\nReceived: from ");
        assertThat(pop3("USER pop.e2e.test", "PASS correct horse battery", "STAT", "QUIT"))
                .as("a connection dropped without QUIT removed nothing").contains("+OK 3 ");

        Path home = Files.createTempDirectory(Mxgate.WORK, "fetchmail");
        Path rc = home.resolve("fetchmailrc");
        Files.writeString(rc, "set no bouncemail\npoll 127.0.0.1 protocol pop3 service " + mxgate.pop3Port
                + " envelope \"X-Envelope-To\" localdomains pop.e2e.test\n"
                + "  user \"pop.e2e.test\" there with password \"correct horse battery\" is * here\n"
                + "  smtphost \"127.0.0.1/" + primary.port + "\" smtpaddress pop.e2e.test nokeep\n"
                // STLS, the certificate the launcher made checked against mxgate's name
                + "  sslproto \"tls1.2+\" sslcertck sslcertfile \"" + mxgate.certificatePem() + "\"\n"
                + "  sslcommonname \"gw.e2e.test\"\n");
        Files.setPosixFilePermissions(rc, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Clients.Result fetchmail = Clients.run(List.of("env", "FETCHMAILHOME=" + home, "fetchmail", "-v",
                "--nosyslog", "--fetchmailrc", rc.toString()), null);
        assertThat(fetchmail.output()).as(fetchmail.output()).contains("upgrade to TLS succeeded").contains("3 messages");
        primary.await(m -> m.contains("Subject: pop for two"), WAIT);
        primary.await(m -> m.contains("Subject: pop for one"), WAIT);
        List<String> routed = primary.envelopes().stream().flatMap(e -> e.getJsonArray("to").stream())
                .map(v -> ((jakarta.json.JsonString) v).getString()).toList();
        assertThat(routed).as("routed by the envelope headers").contains("ann@pop.e2e.test", "ben@pop.e2e.test",
                "cy@pop.e2e.test");
        api.awaitMessage("pop.e2e.test", x -> x.getString("id").equals(two) && x.getString("status").equals("DELIVERED"),
                WAIT);
        assertThat(pop3("USER pop.e2e.test", "PASS correct horse battery", "STAT", "QUIT"))
                .as("removed after DELE and QUIT").contains("+OK 0 0");
    }

    @Test
    void fetchmailsOdmrClientCollectsOverTheTurnedConnectionAndADroppedTurnLosesNothing() throws Exception {
        api.createGateway("{\"domain\":\"odmr.e2e.test\",\"mode\":\"HOLD\"}");
        api.createGateway("{\"domain\":\"odmr2.e2e.test\",\"mode\":\"HOLD\"}");
        assertThat(api.put("/api/gateways/odmr.e2e.test/collection", "{\"methods\":[\"ATRN\"]}").object()
                .getString("field")).as("ATRN needs a password").isEqualTo("password");
        assertThat(api.put("/api/gateways/odmr.e2e.test/collection", "{\"methods\":[\"ATRN\"],\"allowedAddresses\":"
                + "[\"127.0.0.1\"],\"authRequired\":true,\"password\":\"odmr collection secret\"}").status()).isEqualTo(200);
        assertThat(api.put("/api/gateways/odmr2.e2e.test/collection", "{\"methods\":[\"ATRN\"],\"allowedAddresses\":"
                + "[\"127.0.0.2\"],\"authRequired\":true,\"password\":\"the other domain's secret\"}").status())
                .isEqualTo(200);
        String plain = "AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(
                "\0odmr.e2e.test\0odmr collection secret".getBytes(StandardCharsets.UTF_8));
        String plain2 = "AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(
                "\0odmr2.e2e.test\0the other domain's secret".getBytes(StandardCharsets.UTF_8));

        assertThat(raw(mxgate.odmrPort, null, "EHLO c.e2e.test", "ATRN odmr.e2e.test", "QUIT")).as("no AUTH")
                .contains("250-ATRN\r\n").contains("530 5.7.0 Authentication required");
        assertThat(raw(mxgate.odmrPort, null, "EHLO c.e2e.test", "AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(
                "\0odmr.e2e.test\0wrong secret here".getBytes(StandardCharsets.UTF_8)), "QUIT"))
                .contains("535 5.7.8 Authentication credentials invalid");
        assertThat(raw(mxgate.odmrPort, null, "EHLO c.e2e.test", plain, "ATRN", "QUIT")).as("no mail yet")
                .contains("235 2.7.0").contains("453 4.3.0 You have no mail");
        assertThat(raw(mxgate.odmrPort, null, "EHLO c.e2e.test", plain2, "ATRN odmr.e2e.test", "QUIT"))
                .as("the other domain's server").contains("235 2.7.0").contains("450 4.7.1 Access denied to you");
        assertThat(raw(mxgate.odmrPort, null, "EHLO c.e2e.test", plain2, "ATRN odmr2.e2e.test", "QUIT"))
                .as("from an address its gateway does not allow").contains("450 4.7.1 Access denied to you");
        assertThat(raw(mxgate.odmrPort, "127.0.0.2", "EHLO c.e2e.test", plain2, "ATRN odmr2.e2e.test", "QUIT"))
                .as("from its own address").contains("453 4.3.0 You have no mail");
        api.put("/api/gateways/odmr2.e2e.test", "{\"enabled\":false}");
        assertThat(raw(mxgate.odmrPort, "127.0.0.2", "EHLO c.e2e.test", plain2, "ATRN odmr2.e2e.test", "QUIT"))
                .as("its gateway disabled").contains("451 4.3.2 Unable to process ATRN request now");

        for (int i = 0; i < 3; i++) {
            Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "dee" + i + "@odmr.e2e.test"
                    + (i == 2 ? ",eve@odmr.e2e.test" : ""), "--header", "Subject: odmr " + i);
        }
        // the domain server takes the first message and hangs up during the second
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", mxgate.odmrPort)) {
            s.setSoTimeout(30_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            var out = s.getOutputStream();
            java.util.function.Consumer<String> say = line -> {
                try {
                    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            assertThat(in.readLine()).startsWith("220 gw.e2e.test ");
            say.accept("EHLO c.e2e.test");
            while (in.readLine().startsWith("250-")) {
                // the extensions
            }
            say.accept(plain);
            assertThat(in.readLine()).startsWith("235 ");
            say.accept("ATRN odmr.e2e.test");
            assertThat(in.readLine()).isEqualTo("250 2.0.0 OK now reversing the connection");
            say.accept("220 c.e2e.test ESMTP ready");
            assertThat(in.readLine()).isEqualTo("EHLO gw.e2e.test");
            say.accept("250 c.e2e.test");
            assertThat(in.readLine()).isEqualTo("MAIL FROM:<alice@sender.test>");
            say.accept("250 2.1.0 Ok");
            assertThat(in.readLine()).isEqualTo("RCPT TO:<dee0@odmr.e2e.test>");
            say.accept("250 2.1.5 Ok");
            assertThat(in.readLine()).isEqualTo("DATA");
            say.accept("354 go ahead");
            String line;
            StringBuilder first = new StringBuilder();
            while (!(line = in.readLine()).equals(".")) {
                first.append(line).append('\n');
            }
            assertThat(first.toString()).contains("Subject: odmr 0");
            say.accept("250 2.0.0 taken");
            assertThat(in.readLine()).isEqualTo("MAIL FROM:<alice@sender.test>");
        }
        api.awaitMessage("odmr.e2e.test", m -> m.getString("status").equals("DELIVERED"), WAIT);
        Thread.sleep(500);
        assertThat(api.get("/api/gateways/odmr.e2e.test/messages").array().stream()
                .map(v -> v.asJsonObject().getString("status")).sorted().toList())
                .as("the accepted message left the queue, the rest stayed").containsExactly("DEFERRED", "DEFERRED",
                        "DELIVERED");

        Path home = Files.createTempDirectory(Mxgate.WORK, "fetchmail");
        Path rc = home.resolve("fetchmailrc");
        Files.writeString(rc, "poll 127.0.0.1 protocol ODMR service " + mxgate.odmrPort + "\n"
                + "  user \"odmr.e2e.test\" there with password \"odmr collection secret\"\n"
                + "  fetchdomains odmr.e2e.test smtphost \"127.0.0.1/" + primary.port + "\"\n  sslproto \"\"\n");
        Files.setPosixFilePermissions(rc, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Clients.Result fetchmail = Clients.run(List.of("env", "FETCHMAILHOME=" + home, "fetchmail", "-v",
                "--nosyslog", "--fetchmailrc", rc.toString()), null);
        assertThat(fetchmail.output()).as(fetchmail.output()).contains("AUTH CRAM-MD5").contains("ATRN odmr.e2e.test")
                .contains("Turnaround now");
        primary.await(m -> m.contains("Subject: odmr 1"), WAIT);
        primary.await(m -> m.contains("Subject: odmr 2"), WAIT);
        api.awaitMessage("odmr.e2e.test", m -> m.getString("status").equals("DELIVERED")
                && m.toString().contains("dee2@"), WAIT);
        assertThat(primary.texts().stream().filter(t -> t.contains("Subject: odmr "))).as("each once, the first"
                + " (taken by the dropped turn) not again").hasSize(2);
        List<String> routed = primary.envelopes().stream().flatMap(e -> e.getJsonArray("to").stream())
                .map(v -> ((jakarta.json.JsonString) v).getString()).filter(a -> a.endsWith("@odmr.e2e.test")).toList();
        assertThat(routed).containsExactlyInAnyOrder("dee1@odmr.e2e.test", "dee2@odmr.e2e.test", "eve@odmr.e2e.test");
        Clients.Result again = Clients.run(List.of("env", "FETCHMAILHOME=" + home, "fetchmail", "-v",
                "--nosyslog", "--fetchmailrc", rc.toString()), null);
        assertThat(again.output()).as(again.output()).contains("You have no mail");

        // STARTTLS (the certificate checked against mxgate's name), then AUTH PLAIN under TLS
        Clients.Result tls = Clients.python(String.join("\n",
                "import smtplib, ssl, sys",
                "s = smtplib.SMTP(local_hostname='c.e2e.test')",
                "s.connect('127.0.0.1', int(sys.argv[1]))",
                "s._host = 'gw.e2e.test'",
                "print('before', s.ehlo()[1].decode().split())",
                "s.starttls(context=ssl.create_default_context(cafile=sys.argv[2]))",
                "print('after', s.ehlo()[1].decode().split(), s.sock.version())",
                "s.user, s.password = 'odmr.e2e.test', 'odmr collection secret'",
                "print('auth', s.auth('PLAIN', s.auth_plain))",
                "print('atrn', s.docmd('ATRN', 'odmr.e2e.test'))",
                "s.quit()"), String.valueOf(mxgate.odmrPort), mxgate.certificatePem().toString());
        assertThat(tls.output()).as(tls.output()).contains("'STARTTLS'")
                .containsPattern("after \\[[^\\]]*'ATRN'[^\\]]*\\] TLSv1\\.[23]")
                .contains("auth (235, b'2.7.0 Authentication successful')")
                .contains("atrn (453, b'4.3.0 You have no mail')");
        assertThat(tls.output().substring(tls.output().indexOf("after"))).doesNotContain("STARTTLS");
    }

    @Test
    void mailFromAnAllowedDomainServerReleasesItsHeldMail() throws Exception {
        api.createGateway("{\"domain\":\"contact.e2e.test\",\"mode\":\"HOLD\",\"forwardHost\":\"127.0.0.1\"}");
        assertThat(api.put("/api/gateways/contact.e2e.test/collection", "{\"allowedAddresses\":[\"127.0.0.3\"],"
                + "\"releaseOnContact\":true}").object().getJsonObject("collection").getBoolean("releaseOnContact"))
                .isTrue();
        // mail for the domain from elsewhere is held
        Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "held@contact.e2e.test", "--header",
                "Subject: held until the server shows up");
        api.awaitQueueRuns(2); // everything due has been tried since
        assertThat(primary.texts().stream().filter(t -> t.contains("Subject: held until the server shows up")))
                .as("held").isEmpty();
        // the domain server (127.0.0.3) sends a message of its own: that releases what waits for it
        Clients.swaks(mxgate.smtpPort, "--local-interface", "127.0.0.3", "--from", "admin@contact.e2e.test", "--to",
                "postmaster@contact.e2e.test", "--header", "Subject: from the domain server");
        primary.await(m -> m.contains("Subject: held until the server shows up"), WAIT);
        primary.await(m -> m.contains("Subject: from the domain server"), WAIT);
    }

    /** Commands sent at once over a raw connection from {@code source} (null: any), and all the server said until it closed. */
    private static String raw(int port, String source, String... commands) throws Exception {
        try (java.net.Socket s = new java.net.Socket()) {
            if (source != null) {
                s.bind(new java.net.InetSocketAddress(source, 0));
            }
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            s.setSoTimeout(30_000);
            s.getOutputStream().write((String.join("\r\n", commands) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** A POP3 session over a raw connection: the commands, then the connection closes (QUIT or not). */
    private String pop3(String... commands) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", mxgate.pop3Port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write((String.join("\r\n", commands) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder b = new StringBuilder();
            var in = s.getInputStream();
            byte[] buffer = new byte[8192];
            long end = System.nanoTime() + 3_000_000_000L;
            s.setSoTimeout(500);
            while (System.nanoTime() < end) {
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    b.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                } catch (java.net.SocketTimeoutException e) {
                    if (b.length() > 0) {
                        break;
                    }
                }
            }
            return b.toString();
        }
    }

    /** One ETRN over a raw connection, and its reply. */
    private String etrn(String argument) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", mxgate.smtpPort)) {
            s.setSoTimeout(30_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII));
            var out = s.getOutputStream();
            in.readLine();
            out.write(("EHLO raw.e2e.test\r\n").getBytes(StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null && line.startsWith("250-")) {
                // the extensions
            }
            out.write(("ETRN " + argument + "\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = in.readLine();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            return reply;
        }
    }

    @Test
    void forwardAddressModeDeliversTheDomainsMailToOneAddress() throws Exception {
        api.createGateway("{\"domain\":\"alias.e2e.test\",\"mode\":\"FORWARD_ADDRESS\","
                + "\"forwardAddress\":\"collector@primary.e2e.test\"}");
        assertThat(api.post("/api/gateways", "{\"domain\":\"noaddress.e2e.test\",\"mode\":\"FORWARD_ADDRESS\"}")
                .object().getString("field")).isEqualTo("forwardAddress");
        String id = queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to",
                "ann@alias.e2e.test,bert@alias.e2e.test", "--header", "Subject: for the collector").output());
        String arrived = primary.await(m -> m.contains(" id " + id + ";"), WAIT);
        assertThat(arrived).startsWith("X-Original-To: ann@alias.e2e.test,\r\n\tbert@alias.e2e.test\r\nReceived: ");
        Path envelope = primary.dir.resolve(findEnvelope(id));
        assertThat(Files.readString(envelope)).contains("\"to\": [\"collector@primary.e2e.test\"]");
        api.awaitMessage("alias.e2e.test", x -> x.getString("id").equals(id)
                && x.getString("status").equals("DELIVERED"), WAIT);
    }

    /** The downstream's envelope file of the message with queue id {@code id}. */
    private static String findEnvelope(String id) throws Exception {
        try (var files = Files.list(primary.dir)) {
            for (Path eml : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                if (Files.readString(eml, StandardCharsets.ISO_8859_1).contains(" id " + id + ";")) {
                    return eml.getFileName().toString().replace(".eml", ".json");
                }
            }
        }
        throw new AssertionError("no message " + id);
    }

    @Test
    void aPrimaryThatHangsUpBefore250GetsTheMessageAgainAndTheDuplicateIsCounted() throws Exception {
        api.createGateway("{\"domain\":\"hangup.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        String id = queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "drop@hangup.e2e.test")
                .output());
        JsonObject delivered = api.awaitMessage("hangup.e2e.test", x -> x.getString("id").equals(id)
                && x.getString("status").equals("DELIVERED"), WAIT);
        assertThat(delivered.getInt("attempts")).isEqualTo(2);
        assertThat(api.get("/api/messages/" + id).object().getJsonArray("history").stream()
                .map(v -> v.asJsonObject().getString("outcome"))).containsExactly("deferred", "sent");
        assertThat(primary.texts().stream().filter(t -> t.contains(" id " + id + "\r\n")))
                .as("at-least-once: the copy the primary kept before hanging up, and the retry").hasSize(2);
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
    void aGatewayAtItsQuotaRefusesNewMailForNow() throws Exception {
        api.createGateway("{\"domain\":\"quota.e2e.test\",\"mode\":\"HOLD\",\"maxMessages\":1}");
        queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "q@quota.e2e.test").output());
        Clients.Result full = Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "q@quota.e2e.test");
        assertThat(full.output()).contains("452 4.2.2 ");
        assertThat(api.get("/api/gateways/quota.e2e.test").object().getInt("maxMessages")).isEqualTo(1);
        assertThat(api.put("/api/gateways/quota.e2e.test", "{\"maxMessages\":-1}").object().getString("field"))
                .isEqualTo("maxMessages");
        assertThat(api.put("/api/gateways/quota.e2e.test", "{\"maxMessages\":0}").status()).isEqualTo(200);
        queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "q@quota.e2e.test").output());
    }

    @Test
    void adminPageListsGatewaysWithTheirQueueCounts() throws Exception {
        api.createGateway("{\"domain\":\"page.e2e.test\",\"mode\":\"HOLD\"}");
        Clients.Result sent = Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "p@page.e2e.test");
        queueId(sent.output());
        Api.Reply page = api.get("/admin/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        Matcher row = Pattern.compile("<tr[^>]*>\\s*<td>page\\.e2e\\.test</td>\\s*<td>HOLD</td>\\s*<td></td>\\s*"
                + "<td>yes</td>\\s*<td>by an operator</td>\\s*<td>1</td>").matcher(page.body());
        assertThat(row.find()).as(page.body()).isTrue();
    }

    @Test
    void killNineAfter250LosesNothingDeliversOnceAndCtrlCStopsCleanly() throws Exception {
        api.createGateway("{\"domain\":\"crash.e2e.test\",\"mode\":\"HOLD\"}");
        Clients.Result sent = Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to",
                "carl@crash.e2e.test", "--header", "Subject: survives kill -9");
        String id = queueId(sent.output());
        mxgate.kill();
        mxgate.start();
        JsonObject kept = api.get("/api/messages/" + id).object();
        assertThat(kept.getString("status")).isEqualTo("QUEUED");
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
        assertThat(api.get("/api/messages/" + id).object().getString("status")).isEqualTo("DELIVERED");
    }
}
