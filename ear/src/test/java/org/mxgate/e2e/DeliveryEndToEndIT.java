package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Delivery: next hops over TLS, a primary that is down and comes back (paced), names and MX records
 * from dnsmasq, bounces, DSN, one forward address, a primary that hangs up.
 */
class DeliveryEndToEndIT extends EndToEnd {

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

    private static String hhmm(java.time.ZonedDateTime t) {
        return String.format("%02d:%02d", t.getHour(), t.getMinute());
    }

    @Test
    void aGatewayOutsideItsScheduleKeepsItsMailUntilItsWindowOrAFlush() throws Exception {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
        String closed = "{\"windows\":\"daily " + hhmm(now.plusHours(2)) + "-" + hhmm(now.plusHours(3))
                + "\",\"timeZone\":\"UTC\"}";
        String open = "{\"windows\":\"daily " + hhmm(now.minusMinutes(30)) + "-" + hhmm(now.plusMinutes(90)) + "\"}";
        api.createGateway("{\"domain\":\"sched.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\","
                + "\"schedule\":" + closed + "}");
        assertThat(api.get("/api/gateways/sched.e2e.test").object().getJsonObject("schedule").getString("timeZone"))
                .isEqualTo("UTC");
        String first = queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.e2e.test", "--to",
                "a@sched.e2e.test", "--header", "Subject: scheduled one").output());
        api.awaitQueueRuns(2);
        assertThat(api.awaitMessage("sched.e2e.test", m -> m.getString("id").equals(first), WAIT).getString("status"))
                .as("outside its window it waits").isEqualTo("QUEUED");
        assertThat(primary.texts().stream().filter(t -> t.contains("Subject: scheduled one"))).isEmpty();

        assertThat(api.put("/api/gateways/sched.e2e.test", "{\"schedule\":" + open + "}").status()).isEqualTo(200);
        primary.await(m -> m.contains("Subject: scheduled one"), WAIT);

        assertThat(api.put("/api/gateways/sched.e2e.test", "{\"schedule\":" + closed + "}").status()).isEqualTo(200);
        String second = queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.e2e.test", "--to",
                "b@sched.e2e.test", "--header", "Subject: scheduled two").output());
        api.awaitQueueRuns(2);
        assertThat(api.awaitMessage("sched.e2e.test", m -> m.getString("id").equals(second), WAIT).getString("status"))
                .isEqualTo("QUEUED");
        assertThat(api.post("/api/gateways/sched.e2e.test/flush", "").status()).isEqualTo(200);
        primary.await(m -> m.contains("Subject: scheduled two"), WAIT);

        Api.Reply bad = api.put("/api/gateways/sched.e2e.test", "{\"schedule\":{\"windows\":\"Mon-Fry 18:00-07:00\"}}");
        assertThat(List.of(bad.status(), bad.object().getString("field"))).containsExactly(400, "schedule.windows");
    }

    @Test
    void mailForThePostmasterReachesTheOperatorsAddress() throws Exception {
        // RFC 5321 4.5.1: <postmaster> without a domain, and postmaster at mxgate's own name
        Clients.Result sent = Clients.python(String.join("\n",
                "import smtplib, sys",
                "s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), local_hostname='client.e2e.test')",
                "print('refused', s.sendmail('alice@sender.e2e.test', ['postmaster'],",
                "    b'Subject: for the postmaster\\r\\n\\r\\nhello\\r\\n'))",
                "print('refused', s.sendmail('bob@sender.e2e.test', ['PostMaster@gw.e2e.test'],",
                "    b'Subject: for postmaster at the host\\r\\n\\r\\nhello\\r\\n'))",
                "s.quit()"), String.valueOf(mxgate.smtpPort));
        assertThat(sent.exit()).as(sent.output()).isZero();
        assertThat(sent.output()).contains("refused {}\nrefused {}");
        primary.await(m -> m.contains("Subject: for the postmaster"), WAIT);
        primary.await(m -> m.contains("Subject: for postmaster at the host"), WAIT);
        assertThat(primary.envelopes()).filteredOn(e -> e.getString("from").endsWith("@sender.e2e.test")
                && e.getJsonArray("to").getString(0).equals("ops@sender.e2e.test")).as("from their senders, to the operator")
                .extracting(e -> e.getString("from")).contains("alice@sender.e2e.test", "bob@sender.e2e.test");
    }

    @Test
    void aRefusedRecipientIsBouncedABusyOneRetriedAndNothingGoesToTheNullSender() throws Exception {
        api.createGateway("{\"domain\":\"bounce.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        String id = queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.e2e.test", "--to",
                "reject-me@bounce.e2e.test,ok@bounce.e2e.test", "--header", "Subject: half refused").output());
        String report = primary.await(m -> m.contains("X-Mxgate-Queue-ID: " + id), WAIT);
        assertThat(report).contains("To: <alice@sender.e2e.test>")
                .contains("Content-Type: multipart/report;").contains("report-type=delivery-status")
                .contains("Final-Recipient: rfc822; reject-me@bounce.e2e.test\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                .contains("Diagnostic-Code: smtp; 550 5.1.1 <reject-me@bounce.e2e.test>: Recipient address rejected")
                .contains("Subject: half refused").doesNotContain("Final-Recipient: rfc822; ok@bounce.e2e.test");
        assertThat(primary.texts().stream().filter(t -> t.startsWith("Received-SPF: ") && t.contains(" id " + id + ";")
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
    void forwardAddressModeDeliversTheDomainsMailToOneAddress() throws Exception {
        api.createGateway("{\"domain\":\"alias.e2e.test\",\"mode\":\"FORWARD_ADDRESS\","
                + "\"forwardAddress\":\"collector@primary.e2e.test\"}");
        assertThat(api.post("/api/gateways", "{\"domain\":\"noaddress.e2e.test\",\"mode\":\"FORWARD_ADDRESS\"}")
                .object().getString("field")).isEqualTo("forwardAddress");
        String id = queueId(Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to",
                "ann@alias.e2e.test,bert@alias.e2e.test", "--header", "Subject: for the collector").output());
        String arrived = primary.await(m -> m.contains(" id " + id + ";"), WAIT);
        assertThat(arrived).startsWith("X-Original-To: ann@alias.e2e.test,\r\n\tbert@alias.e2e.test\r\nReceived-SPF: ");
        Path envelope = primary.dir.resolve(findEnvelope(id));
        assertThat(Files.readString(envelope)).contains("\"to\": [\"collector@primary.e2e.test\"]");
        api.awaitMessage("alias.e2e.test", x -> x.getString("id").equals(id)
                && x.getString("status").equals("DELIVERED"), WAIT);
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
}
