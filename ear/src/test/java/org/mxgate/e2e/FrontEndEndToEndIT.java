package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The security front end as a client meets it: recipient verification by list, by a real LDAP
 * server and by callout to a real SMTP server, each refusing unknown recipients at RCPT, and what
 * happens while the directory or the primary is down.
 */
class FrontEndEndToEndIT extends EndToEnd {

    /** RCPT for each recipient in one session from smtplib; prints "address: code enhanced-code" per line. */
    private static String rcpts(String sender, String... recipients) throws Exception {
        Clients.Result r = Clients.python("""
                import smtplib, sys
                s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="client.e2e.test", timeout=60)
                s.ehlo()
                s.mail(sys.argv[2])
                for rcpt in sys.argv[3:]:
                    code, text = s.rcpt(rcpt)
                    print("%s: %d %s" % (rcpt, code, text.decode().split(" ")[0]))
                s.quit()
                """, prepend(String.valueOf(mxgate.smtpPort), sender, recipients));
        assertThat(r.exit()).as(r.output()).isZero();
        return r.output();
    }

    private static String[] prepend(String port, String sender, String... recipients) {
        String[] args = new String[recipients.length + 2];
        args[0] = port;
        args[1] = sender;
        System.arraycopy(recipients, 0, args, 2, recipients.length);
        return args;
    }

    @Test
    void anUnknownRecipientIsRefusedAtRcptSoNothingBouncesToAForgedSender() throws Exception {
        api.createGateway("{\"domain\":\"listed.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        assertThat(api.put("/api/gateways/listed.e2e.test/verification", "{\"method\":\"LIST\"}").body())
                .contains("\"method\":\"LIST\"");
        Api.Reply stored = api.text("PUT", "/api/gateways/listed.e2e.test/recipients",
                "# staff\nbob\nteam-*@listed.e2e.test\n");
        assertThat(stored.body()).isEqualTo("{\"recipients\":2}");
        Api.Reply bad = api.text("POST", "/api/gateways/listed.e2e.test/recipients", "carl\nmallory@elsewhere.test\n");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.body()).contains("line 2").contains("recipients");
        assertThat(api.get("/api/gateways/listed.e2e.test/recipients").body())
                .isEqualTo("bob@listed.e2e.test\nteam-*@listed.e2e.test\n");

        // the black-box case: a forged sender and an unknown user, with RET=FULL
        Clients.Result forged = Clients.swaks(mxgate.smtpPort, "--from", "victim@sender.e2e.test", "--to",
                "nobody@listed.e2e.test", "--add-header", "Subject: backscatter", "--quit-after", "RCPT");
        assertThat(forged.output()).contains("<** 550 5.1.1 Error: recipient address rejected: user unknown");
        Clients.Result known = Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.e2e.test", "--to",
                "Team-Sales@listed.e2e.test", "--add-header", "Subject: listed");
        String id = queueId(known.output());
        api.awaitMessage("listed.e2e.test", m -> m.getString("id").equals(id) && m.getString("status").equals("DELIVERED"),
                WAIT);
        assertThat(rcpts("alice@sender.e2e.test", "postmaster@listed.e2e.test", "carl@listed.e2e.test"))
                .contains("postmaster@listed.e2e.test: 250 2.1.5").contains("carl@listed.e2e.test: 550 5.1.1");
        assertThat(api.delete("/api/gateways/listed.e2e.test/recipients/bob@listed.e2e.test").status()).isEqualTo(204);
        assertThat(api.delete("/api/gateways/listed.e2e.test/recipients/bob@listed.e2e.test").status()).isEqualTo(404);
        assertThat(rcpts("alice@sender.e2e.test", "bob@listed.e2e.test")).contains("bob@listed.e2e.test: 550 5.1.1");
        // nothing went to the forged sender
        assertThat(primary.envelopes()).noneMatch(e -> e.toString().contains("victim@sender.e2e.test"));
    }

    @Test
    void anLdapDirectoryDecidesAndWhatItSaidOutlivesItsOutage() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=ldap,dc=e2e,dc=test");
        config.addAdditionalBindCredentials("cn=mxgate", "bind secret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getByName("127.0.0.1"),
                Ports.free(), null));
        InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
        directory.add("dn: dc=ldap,dc=e2e,dc=test", "objectClass: domain", "dc: ldap");
        directory.add("dn: uid=bob,dc=ldap,dc=e2e,dc=test", "objectClass: inetOrgPerson", "uid: bob", "cn: Bob",
                "sn: B", "mail: bob@ldap.e2e.test");
        directory.add("dn: uid=carl,dc=ldap,dc=e2e,dc=test", "objectClass: inetOrgPerson", "uid: carl", "cn: Carl",
                "sn: C", "mail: carl@ldap.e2e.test");
        directory.startListening();
        try {
            api.createGateway("{\"domain\":\"ldap.e2e.test\",\"mode\":\"HOLD\"}");
            Api.Reply set = api.put("/api/gateways/ldap.e2e.test/verification", "{\"method\":\"LDAP\",\"ldapUrl\":"
                    + "\"ldap://127.0.0.1:" + directory.getListenPort() + "\",\"ldapBindDn\":\"cn=mxgate\","
                    + "\"ldapBindPassword\":\"bind secret\",\"ldapBase\":\"dc=ldap,dc=e2e,dc=test\","
                    + "\"ldapFilter\":\"(|(mail={0})(mailAlternateAddress={0}))\",\"timeout\":\"3s\"}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(set.body()).contains("\"ldapBindPasswordSet\":true").doesNotContain("bind secret");
            assertThat(rcpts("alice@sender.e2e.test", "bob@ldap.e2e.test", "nobody@ldap.e2e.test", "*@ldap.e2e.test"))
                    .contains("bob@ldap.e2e.test: 250 2.1.5").contains("nobody@ldap.e2e.test: 550 5.1.1")
                    .contains("*@ldap.e2e.test: 550 5.1.1");
        } finally {
            directory.shutDown(true);
        }
        // the directory is down: bob was found before, carl never asked for
        assertThat(rcpts("alice@sender.e2e.test", "bob@ldap.e2e.test", "carl@ldap.e2e.test", "nobody@ldap.e2e.test"))
                .contains("bob@ldap.e2e.test: 250 2.1.5").contains("carl@ldap.e2e.test: 451 4.4.3")
                .contains("nobody@ldap.e2e.test: 550 5.1.1");
        assertThat(api.delete("/api/gateways/ldap.e2e.test/verification/cache").body()).isEqualTo("{\"forgotten\":3}");
        assertThat(rcpts("alice@sender.e2e.test", "bob@ldap.e2e.test")).contains("bob@ldap.e2e.test: 451 4.4.3");
        assertThat(api.put("/api/gateways/ldap.e2e.test/verification", "{\"whenUnverifiable\":\"ACCEPT\"}").status())
                .isEqualTo(200);
        assertThat(rcpts("alice@sender.e2e.test", "carl@ldap.e2e.test")).contains("carl@ldap.e2e.test: 250 2.1.5");
    }

    @Test
    void aCalloutAsksThePrimaryWhichNeverGetsMailFromIt() throws Exception {
        Downstream own = new Downstream("callout-primary", Ports.free()).start();
        try {
            api.createGateway("{\"domain\":\"callout.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\","
                    + "\"forwardPort\":" + own.port + "}");
            assertThat(api.put("/api/gateways/callout.e2e.test/verification", "{\"method\":\"CALLOUT\"}").status())
                    .isEqualTo(200);
            assertThat(rcpts("alice@sender.e2e.test", "reject-me@callout.e2e.test", "bob@callout.e2e.test"))
                    .contains("reject-me@callout.e2e.test: 550 5.1.1").contains("bob@callout.e2e.test: 250 2.1.5");
            Clients.Result sent = Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.e2e.test", "--to",
                    "bob@callout.e2e.test", "--add-header", "Subject: after the callout");
            own.await(m -> m.contains("Subject: after the callout"), WAIT);
            assertThat(own.messages()).as("callouts send no DATA: only the real message arrived").hasSize(1);
            assertThat(sent.output()).contains("250 2.0.0 Ok: queued as");
        } finally {
            own.close();
        }
        // the primary is down: bob is known (asked, and delivered to); dave is not
        assertThat(rcpts("alice@sender.e2e.test", "bob@callout.e2e.test", "dave@callout.e2e.test",
                "reject-me@callout.e2e.test")).contains("bob@callout.e2e.test: 250 2.1.5")
                .contains("dave@callout.e2e.test: 451 4.4.3").contains("reject-me@callout.e2e.test: 550 5.1.1");
        Api.Reply bad = api.put("/api/gateways/callout.e2e.test/verification", "{\"validFor\":\"2y\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("validFor");
    }

    @Test
    void aClientOnABlockListIsRefusedAtConnectAndARecordOnlyListingOrAFailedLookupLetsItIn() throws Exception {
        assertThat(raw(mxgate.smtpPort, "127.0.0.9", "EHLO listed.e2e.test", "QUIT"))
                .isEqualTo("554 5.7.1 Service unavailable; client host [127.0.0.9] blocked using bl.e2e.test\r\n");
        assertThat(raw(mxgate.smtpPort, "127.0.0.10", "EHLO watched.e2e.test", "QUIT"))
                .startsWith("220 gw.e2e.test ESMTP").contains("221 2.0.0");
        assertThat(Files.readString(mxgate.log)).contains("dnsbl=watch.e2e.test client=[127.0.0.10] listed")
                .contains("dnsbl=dnsbl.invalid client=[127.0.0.10] lookup failed: let in");
    }

    @Test
    void anAddressOpeningTooManySessionsOrSendingTooManyRecipientsInAMinuteIsHeldOff() throws Exception {
        api.createGateway("{\"domain\":\"rates.e2e.test\",\"mode\":\"HOLD\"}");
        Clients.Result r = Clients.python("""
                import smtplib, socket, sys, time
                port = int(sys.argv[1])
                # recipients as fast as they are taken, in transactions of 100, until one is refused
                s = smtplib.SMTP("127.0.0.1", port, local_hostname="rates.e2e.test", source_address=("127.0.0.14", 0))
                s.ehlo()
                t0, taken, refusal = time.monotonic(), 0, None
                while refusal is None and taken < 2000:
                    s.mail("a@sender.e2e.test")
                    for i in range(100):
                        code, text = s.rcpt("r%d@rates.e2e.test" % taken)
                        if code != 250:
                            refusal = "%d %s" % (code, text.decode())
                            break
                        taken += 1
                    s.rset()
                print("recipients taken: %d in %.1f s" % (taken, time.monotonic() - t0))
                print("then:", refusal)
                # new sessions as fast as they are greeted, until one is refused
                t0, greeted, refusal = time.monotonic(), 0, None
                while refusal is None and greeted < 1000:
                    c = socket.create_connection(("127.0.0.1", port), source_address=("127.0.0.13", 0), timeout=15)
                    g = c.makefile("rb").readline().decode().strip()
                    c.sendall(b"QUIT\\r\\n")
                    c.close()
                    if g.startswith("220 "):
                        greeted += 1
                    else:
                        refusal = g
                print("sessions greeted: %d in %.1f s" % (greeted, time.monotonic() - t0))
                print("then:", refusal)
                """, String.valueOf(mxgate.smtpPort));
        assertThat(r.output()).as(r.output())
                .contains("then: 450 4.7.1 Error: too many recipients from your address, try again later")
                .contains("then: 421 4.7.0 Too many connections from your address in the last minute, try again later");
        // the first minute's share at once, then one a tenth (a half) of a second more
        assertWithinRate(r.output(), "recipients taken", 600, 10);
        assertWithinRate(r.output(), "sessions greeted", 120, 2);
    }

    @Test
    void spfIsStampedForTheServersBehindAndAFailIsRefusedWhereTheGatewaySaysSo() throws Exception {
        api.createGateway("{\"domain\":\"spf.e2e.test\",\"mode\":\"HOLD\"}");
        Clients.Result forged = Clients.swaks(mxgate.smtpPort, "--from", "alice@spf-fail.e2e.test", "--to",
                "bob@spf.e2e.test", "--add-header", "Authentication-Results: gw.e2e.test; spf=pass smtp.mailfrom=x",
                "--add-header", "Authentication-Results: other.e2e.test; dkim=pass", "--add-header", "Subject: spf fail");
        String stamped = api.get("/api/messages/" + queueId(forged.output()) + "/raw").body();
        assertThat(stamped).startsWith("Received-SPF: fail").contains(
                "Authentication-Results: gw.e2e.test;\r\n\tspf=fail smtp.mailfrom=alice@spf-fail.e2e.test\r\n"
                        + "Received: from client.e2e.test")
                .as("the forged field under mxgate's name is gone, another server's stays").doesNotContain("spf=pass")
                .contains("Authentication-Results: other.e2e.test; dkim=pass");
        Clients.Result passing = Clients.swaks(mxgate.smtpPort, "--from", "bob@spf-pass.e2e.test", "--to",
                "bob@spf.e2e.test", "--add-header", "Subject: spf pass");
        assertThat(api.get("/api/messages/" + queueId(passing.output()) + "/raw").body()).startsWith("Received-SPF: pass")
                .contains("spf=pass smtp.mailfrom=bob@spf-pass.e2e.test");

        Api.Reply set = api.put("/api/gateways/spf.e2e.test/senders", "{\"spfFail\":\"REFUSE\"}");
        assertThat(set.body()).contains("\"senders\":{\"mustAuthenticate\":false,\"spfFail\":\"REFUSE\"}");
        assertThat(rcpts("carl@spf-fail.e2e.test", "bob@spf.e2e.test")).contains("bob@spf.e2e.test: 550 5.7.23");
        assertThat(rcpts("carl@spf-pass.e2e.test", "bob@spf.e2e.test")).contains("bob@spf.e2e.test: 250 2.1.5");
        Api.Reply bad = api.put("/api/gateways/spf.e2e.test/senders", "{\"spfFail\":\"BOUNCE\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("spfFail");
    }

    @Test
    void senderAccountsAndDomainServersLogInByAuthAndTheDomainsSendersMustAuthenticate() throws Exception {
        api.createGateway("{\"domain\":\"auth.e2e.test\",\"mode\":\"HOLD\"}");
        assertThat(api.put("/api/gateways/auth.e2e.test/collection", "{\"methods\":[\"ETRN\"],\"allowedAddresses\":"
                + "[\"127.0.0.0/8\"],\"authRequired\":true,\"password\":\"domain server secret\"}").status()).isEqualTo(200);
        assertThat(api.put("/api/gateways/auth.e2e.test/senders/accounts/Bob@auth.e2e.test",
                "{\"password\":\"bob's long secret\"}").status()).isEqualTo(201);
        assertThat(api.put("/api/gateways/auth.e2e.test/senders/accounts/eve@elsewhere.test",
                "{\"password\":\"eve's long secret\"}").status()).isEqualTo(400);
        assertThat(api.get("/api/gateways/auth.e2e.test/senders/accounts").body()).isEqualTo("[\"bob@auth.e2e.test\"]");
        assertThat(api.put("/api/gateways/auth.e2e.test/senders", "{\"mustAuthenticate\":true}").status()).isEqualTo(200);
        Clients.Result r = Clients.python("""
                import smtplib, sys
                port = int(sys.argv[1])
                def session(user=None, password=None, tls=False):
                    s = smtplib.SMTP("127.0.0.1", port, local_hostname="auth.e2e.test", timeout=30)
                    s.ehlo()
                    print("offered:", s.has_extn("auth"))
                    if user:
                        try:
                            s.login(user, password)
                            print("login", user, "ok")
                        except smtplib.SMTPAuthenticationError as e:
                            print("login", user, "refused", e.smtp_code, e.smtp_error.decode())
                    return s
                s = session()
                print("unauthenticated MAIL:", s.mail("boss@auth.e2e.test"))
                print("unauthenticated ETRN:", s.docmd("ETRN", "auth.e2e.test"))
                s.quit()
                s = session("bob@auth.e2e.test", "bob's long secret")
                print("MAIL:", s.mail("boss@auth.e2e.test"))
                print("relay:", s.rcpt("x@elsewhere.e2e.test"))
                print("RCPT:", s.rcpt("ann@auth.e2e.test"))
                s.quit()
                s = session("auth.e2e.test", "domain server secret")
                print("domain ETRN:", s.docmd("ETRN", "auth.e2e.test"))
                s.quit()
                s = session("bob@auth.e2e.test", "wrong")
                try:
                    for i in range(2):
                        print("again:", s.docmd("AUTH", "PLAIN AGJvYkBhdXRoLmUyZS50ZXN0AHdyb25n"))
                except smtplib.SMTPServerDisconnected:
                    print("disconnected")
                """, String.valueOf(mxgate.smtpPort));
        assertThat(r.output()).as(r.output())
                .contains("offered: True")
                .contains("unauthenticated MAIL: (530, b'5.7.0 Authentication required')")
                .contains("unauthenticated ETRN: (530, b\"5.7.0 Authentication required: log in (AUTH) with the gateway's"
                        + " credentials to dequeue node auth.e2e.test\")")
                .contains("login bob@auth.e2e.test ok")
                .contains("MAIL: (250, b'2.1.0 Ok')")
                .contains("relay: (550, b'5.7.1 Error: relay access denied')")
                .contains("RCPT: (250, b'2.1.5 Ok')")
                .contains("login auth.e2e.test ok")
                .containsPattern("domain ETRN: \\(25[0-3], ")
                .contains("login bob@auth.e2e.test refused 535 5.7.8 Authentication credentials invalid")
                // smtplib tried PLAIN, then LOGIN: the next failure is the third
                .contains("again: (421, b'4.7.0 Too many failed authentications, closing')").contains("disconnected");
    }

    @Test
    void theVerificationPageSetsTheMethodAndTheListAndNamesWhatItRefuses() throws Exception {
        api.createGateway("{\"domain\":\"vpage.e2e.test\",\"mode\":\"HOLD\"}");
        Browser admin = new Browser(mxgate.httpPort, Mxgate.PASSWORD);
        assertThat(admin.get("/admin/gateway.xhtml?domain=vpage.e2e.test")).contains("verification.xhtml?domain=vpage.e2e.test");
        String page = admin.get("/admin/verification.xhtml?domain=vpage.e2e.test");
        assertThat(page).contains("Recipient verification: vpage.e2e.test");
        java.util.Map<String, String> settings = new java.util.HashMap<>(java.util.Map.of("method", "LIST",
                "whenUnverifiable", "KNOWN", "timeout", "10s", "validFor", "31d", "unknownFor", "3h", "ldapUrl", "",
                "ldapBindDn", "", "ldapBindPassword", "", "ldapBase", ""));
        settings.put("ldapFilter", "");
        String saved = admin.submit(page, "settings", settings, "save");
        assertThat(saved).contains("Saved.");
        assertThat(api.get("/api/gateways/vpage.e2e.test").body()).contains("\"method\":\"LIST\"");
        String listed = admin.submit(saved, "list", java.util.Map.of("addresses", "bob\nteam-*"), "replace");
        assertThat(listed).contains("The address list has 2 entries.");
        assertThat(rcpts("alice@sender.e2e.test", "bob@vpage.e2e.test", "carl@vpage.e2e.test"))
                .contains("bob@vpage.e2e.test: 250 2.1.5").contains("carl@vpage.e2e.test: 550 5.1.1");
        assertThat(admin.submit(listed, "list", java.util.Map.of("addresses", "bob\nx@other.e2e.test"), "replace"))
                .containsPattern("line 2: (&#39;|')x@other\\.e2e\\.test(&#39;|') is not an address or pattern");
        settings.put("timeout", "5m");
        assertThat(admin.submit(listed, "settings", settings, "save")).contains("timeout must be 1s to 60s");
        assertThat(api.get("/api/gateways/vpage.e2e.test/recipients").body())
                .isEqualTo("bob@vpage.e2e.test\nteam-*@vpage.e2e.test\n");
        assertThat(admin.get("/admin/verification.xhtml?domain=nothing.e2e.test")).contains("no gateway for domain");
    }

    /** "{what}: n in t s": n is the minute's burst plus what the rate gave back meanwhile. */
    private static void assertWithinRate(String output, String what, int burst, int perSecond) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(what + ": (\\d+) in ([0-9.]+) s").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        int n = Integer.parseInt(m.group(1));
        double seconds = Double.parseDouble(m.group(2));
        assertThat(n).as(what).isBetween(burst, burst + (int) Math.ceil(seconds * perSecond) + 1);
    }
}
