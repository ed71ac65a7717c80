package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Collection by the domain's servers: fetchmail over ETRN, POP3 (multidrop) and ODMR, raw sessions
 * for every refusal, release on contact.
 */
class CollectionEndToEndIT extends EndToEnd {

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
                .contains("X-Envelope-To: ann@pop.e2e.test\r\nReceived-SPF: ");
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
    void aGatewayThatForwardsAndKeepsCopiesIsCollectedFromItsCopiesByPop3() throws Exception {
        api.createGateway("{\"domain\":\"copy.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\","
                + "\"keepCopy\":true,\"copyRetention\":\"2d\"}");
        assertThat(api.put("/api/gateways/copy.e2e.test/collection", "{\"methods\":[\"POP3\"],\"allowedAddresses\":"
                + "[\"127.0.0.1\"],\"authRequired\":true,\"password\":\"copy horse battery\"}").status()).isEqualTo(200);
        JsonObject gateway = api.get("/api/gateways/copy.e2e.test").object();
        assertThat(List.of(gateway.getBoolean("keepCopy"), gateway.getString("copyRetention")))
                .containsExactly(true, "PT48H");
        String id = queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "ann@copy.e2e.test",
                "--header", "Subject: forwarded and kept").output());
        primary.await(m -> m.contains("Subject: forwarded and kept"), WAIT);
        api.awaitMessage("copy.e2e.test", m -> m.getString("id").equals(id) && m.getString("status").equals("DELIVERED"),
                WAIT);
        JsonObject copy = api.awaitMessage("copy.e2e.test", m -> m.getString("kind").equals("COPY"), WAIT);
        assertThat(copy.getString("status")).as("the copy waits for its collector").isEqualTo("QUEUED");

        Clients.Result popped = Clients.python(String.join("\n",
                "import poplib, sys",
                "p = poplib.POP3('127.0.0.1', int(sys.argv[1]))",
                "p.user('copy.e2e.test'); p.pass_('copy horse battery')",
                "print('count', p.stat()[0])",
                "print(b'\\n'.join(p.retr(1)[1]).decode())",
                "p.dele(1); p.quit()"), String.valueOf(mxgate.pop3Port));
        assertThat(popped.output()).as(popped.output()).contains("count 1").contains("Subject: forwarded and kept")
                .contains("X-Envelope-To: ann@copy.e2e.test");
        api.awaitMessage("copy.e2e.test", m -> m.getString("id").equals(copy.getString("id"))
                && m.getString("status").equals("DELIVERED"), WAIT);
        assertThat(primary.texts().stream().filter(t -> t.contains("Subject: forwarded and kept")))
                .as("forwarded once; the copy went to its collector only").hasSize(1);
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
}
