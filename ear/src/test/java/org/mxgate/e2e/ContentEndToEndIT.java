package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The virus and spam front end as a sending server meets it: a real clamd and a real spamd on
 * loopback, swaks and smtplib as clients, a real primary behind. Every refusal comes before the
 * 250, so nothing refused ever reaches the primary and nothing bounces later.
 */
class ContentEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Downstream primary;
    private static Scanners.Daemon clamd;
    private static Scanners.Daemon spamd;
    private static Mxgate mxgate;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        primary = new Downstream("content-primary", Ports.free()).start();
        clamd = new Scanners.Clamd().start();
        spamd = new Scanners.Spamd().start();
        mxgate = new Mxgate("content", primary.port).with("MXGATE_CLAMD", clamd.address())
                .with("MXGATE_SPAMD", spamd.address()).with("MXGATE_SCAN_TIMEOUT", "10s").with("MXGATE_SPF", "false");
        mxgate.start();
        api = mxgate.api();
        api.createGateway("{\"domain\":\"scan.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {mxgate, clamd, spamd, primary}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static Path file(String name, String content) throws Exception {
        Path f = Mxgate.WORK.resolve(name);
        Files.writeString(f, content, StandardCharsets.US_ASCII);
        return f;
    }

    /** swaks to {@code to} with a subject, the body given and extra arguments; its whole dialogue. */
    private static Clients.Result send(String to, String subject, String body, String... extra) throws Exception {
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"--from", "alice@sender.test", "--to", to, "--header", "Subject: " + subject}, 0,
                args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        return Clients.swaks(mxgate.smtpPort, body == null ? args : concat(args, "--body", body));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String arrived(String subject) throws Exception {
        return primary.await(m -> m.contains("Subject: " + subject + "\r\n"), WAIT);
    }

    @Test
    void aVirusInAnAttachmentIsRefusedBeforeThe250AndNeverReachesThePrimary() throws Exception {
        Path eicar = file("eicar.txt", Scanners.EICAR);
        Clients.Result r = send("bob@scan.e2e.test", "with a virus", "see attached", "--attach-type",
                "application/octet-stream", "--attach", "@" + eicar);
        assertThat(r.output()).contains("<** 554 5.7.1 Error: message refused, virus found: Mxgate.Test.EICAR")
                .contains("(rule antivirus)").doesNotContain("queued as");
        // a clean message sent after it arrives; the virus never did
        send("bob@scan.e2e.test", "clean after virus", "nothing to see");
        String clean = arrived("clean after virus");
        assertThat(clean).contains("X-Virus-Scanned: clamd on gw.e2e.test; clean\r\n")
                .containsPattern("X-Spam-Status: No, score=-?[0-9.]+ tag=5\\.0 refuse=10\\.0 tests=");
        assertThat(primary.texts()).noneMatch(m -> m.contains("Subject: with a virus"));
    }

    @Test
    void gtubeIsRefusedAndAMessageBetweenTheScoresIsTaggedForThePrimary() throws Exception {
        Clients.Result gtube = send("bob@scan.e2e.test", "gtube", Scanners.GTUBE);
        assertThat(gtube.output()).containsPattern("<\\*\\* 550 5\\.7\\.1 Error: message refused as spam, score 10[0-9.]+ of 10\\.0 \\(rule antispam\\)");

        Clients.Result tagged = send("bob@scan.e2e.test", "between the scores", "hello " + Scanners.TAG_PHRASE);
        assertThat(tagged.output()).contains("queued as");
        String arrived = arrived("between the scores");
        assertThat(arrived).contains("X-Spam-Flag: YES\r\n").containsPattern("X-Spam-Score: [0-9]+\\.[0-9]\r\n")
                .containsPattern("X-Spam-Status: Yes, score=[0-9.]+ tag=5\\.0 refuse=10\\.0 tests=[A-Z_,0-9]*MXGATE_E2E_TAG");

        // per gateway: a higher refuse score takes GTUBE, tagged
        api.createGateway("{\"domain\":\"lenient.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        Api.Reply set = api.put("/api/gateways/lenient.e2e.test/content",
                "{\"spamRefuseScore\":0,\"spamSubjectPrefix\":\"[SPAM]\"}");
        assertThat(set.body()).contains("\"spamRefuseScore\":0.0").contains("\"spamSubjectPrefix\":\"[SPAM]\"");
        assertThat(send("bob@lenient.e2e.test", "gtube lenient", Scanners.GTUBE).output()).contains("queued as");
        String lenient = primary.await(m -> m.contains("gtube lenient"), WAIT);
        assertThat(lenient).contains("X-Spam-Flag: YES\r\n").contains("GTUBE").contains("Subject: [SPAM] gtube lenient\r\n");
        assertThat(lenient.split("\r\nSubject: ", -1)).as("one Subject field").hasSize(2);
    }

    @Test
    void aGatewayRefusesBlockedSendersAtRcptAndLetsItsAbuseAddressHaveSpam() throws Exception {
        api.createGateway("{\"domain\":\"rules.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        assertThat(api.put("/api/gateways/rules.e2e.test/content",
                "{\"senderBlock\":\"*@spam.e2e.test\",\"recipientAllow\":\"abuse@rules.e2e.test\"}").body())
                .contains("\"senderBlock\":[\"*@spam.e2e.test\"]").contains("\"recipientAllow\":[\"abuse@rules.e2e.test\"]");
        Clients.Result blocked = Clients.swaks(mxgate.smtpPort, "--from", "someone@spam.e2e.test", "--to",
                "bob@rules.e2e.test", "--quit-after", "RCPT");
        assertThat(blocked.output()).contains("<** 550 5.7.1 Error: sender refused by this domain's policy (rule senderBlock)");
        assertThat(send("abuse@rules.e2e.test", "spam for abuse", Scanners.GTUBE).output()).contains("queued as");
        assertThat(arrived("spam for abuse")).doesNotContain("X-Spam-").contains("X-Virus-Scanned: clamd");
        assertThat(send("bob@rules.e2e.test", "spam for bob", Scanners.GTUBE).output()).contains("<** 550 5.7.1");

        assertThat(api.put("/api/gateways/rules.e2e.test/content",
                "{\"headerRules\":[{\"field\":\"Subject\",\"pattern\":\"(?i)overdue invoice\",\"action\":\"REFUSE\"}]}")
                .body()).contains("\"headerRules\":[{\"action\":\"REFUSE\",\"field\":\"Subject\",\"pattern\":\"(?i)overdue invoice\"}]");
        assertThat(send("bob@rules.e2e.test", "Your OVERDUE Invoice", "pay now").output())
                .contains("<** 554 5.7.1 Error: message refused by this domain's policy (rule header Subject)");
        Api.Reply bad = api.put("/api/gateways/rules.e2e.test/content",
                "{\"headerRules\":[{\"field\":\"Subject\",\"pattern\":\"(unclosed\",\"action\":\"REFUSE\"}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("headerRules[0]");
    }

    @Test
    void executableAttachmentsAreRefusedAlsoInsideAnAttachedMessage() throws Exception {
        Path exe = file("setup.exe", "MZ not really a program");
        Clients.Result r = send("bob@scan.e2e.test", "an exe", "run me", "--attach-type", "application/octet-stream",
                "--attach-name", "setup.exe", "--attach", "@" + exe);
        assertThat(r.output()).contains("<** 554 5.7.1 Error: message refused, attachment \"setup.exe\" is not accepted (rule blockedExtensions: exe)");

        // smtplib: a forwarded message whose own attachment is a script, named in RFC 2231 form
        Clients.Result nested = Clients.python("""
                import smtplib, sys
                from email.message import EmailMessage
                inner = EmailMessage()
                inner["Subject"] = "inner"
                inner.set_content("see attached")
                inner.add_attachment(b"WScript.Echo 1", maintype="application", subtype="octet-stream",
                                     filename=("utf-8", "", "R\\u00e9sum\\u00e9.vbs"))
                outer = EmailMessage()
                outer["From"] = "alice@sender.test"
                outer["To"] = "bob@scan.e2e.test"
                outer["Subject"] = "forwarded"
                outer.set_content("forwarding")
                outer.add_attachment(inner)
                s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="client.e2e.test", timeout=60)
                try:
                    s.send_message(outer)
                    print("taken")
                except smtplib.SMTPDataError as e:
                    print(e.smtp_code, e.smtp_error.decode())
                s.quit()
                """, String.valueOf(mxgate.smtpPort));
        assertThat(nested.output()).contains("554 5.7.1 Error: message refused, attachment \"R\u00e9sum\u00e9.vbs\"".replaceAll("[^\\x20-\\x7e]", "?"))
                .contains("rule blockedExtensions: vbs");

        // a gateway with its own list takes .exe
        api.createGateway("{\"domain\":\"tools.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        assertThat(api.put("/api/gateways/tools.e2e.test/content", "{\"blockedExtensions\":\"bat, .cmd\"}").body())
                .contains("\"blockedExtensions\":[\"bat\",\"cmd\"]");
        assertThat(send("bob@tools.e2e.test", "an exe for tools", "run me", "--attach-type", "application/octet-stream",
                "--attach-name", "setup.exe", "--attach", "@" + exe).output()).contains("queued as");
        arrived("an exe for tools");
        Api.Reply bad = api.put("/api/gateways/tools.e2e.test/content", "{\"blockedExtensions\":\"exe;rm -rf\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("blockedExtensions");
    }

    @Test
    void whileClamdIsDownMailIsDeferredThenTakenOnceItIsBack() throws Exception {
        clamd.close();
        try {
            Clients.Result deferred = send("bob@scan.e2e.test", "while clamd is down", "hello");
            assertThat(deferred.output()).contains("<** 451 4.7.1 Error: message could not be scanned, try again later");
            assertThat(api.get("/api/scanners").body()).containsPattern(
                    "\\{\"address\":\"127\\.0\\.0\\.1:[0-9]+\",\"answered\":[0-9]+,\"failed\":[1-9][0-9]*,.*\"lastProblem\":\"clamd at [^\"]* unreachable[^\"]*\",\"scanner\":\"clamd\",\"state\":\"DOWN\"");

            // a gateway that takes mail unscanned says so in the message
            api.createGateway("{\"domain\":\"unscanned.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
            assertThat(api.put("/api/gateways/unscanned.e2e.test/content", "{\"whenScannerFails\":\"accept\"}").body())
                    .contains("\"whenScannerFails\":\"ACCEPT\"");
            assertThat(send("bob@unscanned.e2e.test", "taken unscanned", "hello").output()).contains("queued as");
            assertThat(arrived("taken unscanned")).containsPattern("X-Virus-Scanned: not scanned \\(clamd at 127\\.0\\.0\\.1:[0-9]+ unreachable");
        } finally {
            clamd.start();
        }
        // the sending server tries again
        assertThat(send("bob@scan.e2e.test", "while clamd is down", "hello").output()).contains("queued as");
        assertThat(arrived("while clamd is down")).contains("X-Virus-Scanned: clamd on gw.e2e.test; clean");
        assertThat(api.get("/api/scanners").body()).contains("\"scanner\":\"clamd\",\"state\":\"UP\"")
                .contains("\"scanner\":\"spamd\",\"state\":\"UP\"");
    }

    @Test
    void heldMailWaitsInTheQuarantineUntilReleasedOrDeletedAndBothAreAudited() throws Exception {
        api.createGateway("{\"domain\":\"held.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        assertThat(api.put("/api/gateways/held.e2e.test/content", "{\"virusAction\":\"quarantine\",\"spamAction\":\"QUARANTINE\"}")
                .body()).contains("\"virusAction\":\"QUARANTINE\"").contains("\"spamAction\":\"QUARANTINE\"");
        String spam = EndToEnd.queueId(send("bob@held.e2e.test", "gtube held", Scanners.GTUBE).output());
        String virus = EndToEnd.queueId(send("bob@held.e2e.test", "virus held", "see attached", "--attach-type",
                "application/octet-stream", "--attach", "@" + file("eicar-held.txt", Scanners.EICAR)).output());

        String listed = api.get("/api/gateways/held.e2e.test/quarantine").body();
        assertThat(listed).contains("\"id\":\"" + spam + "\"").contains("\"id\":\"" + virus + "\"")
                .containsPattern("\"quarantine\":\"spam, score 10[0-9.]+ of 10\\.0\"")
                .contains("\"quarantine\":\"virus Mxgate.Test.EICAR").contains("\"status\":\"QUARANTINED\"")
                .contains("\"checks\":[\"X-Virus-Scanned: clamd on gw.e2e.test; clean\",\"X-Spam-Flag: YES\"")
                .contains("\"checks\":[\"X-Virus-Scanned: clamd on gw.e2e.test; found Mxgate.Test.EICAR");
        assertThat(api.get("/api/gateways/held.e2e.test").body()).contains("\"QUARANTINED\":2");
        assertThat(api.get("/api/messages/" + spam + "/raw").body()).contains(Scanners.GTUBE);
        api.awaitQueueRuns(2);
        assertThat(primary.texts()).noneMatch(m -> m.contains("Subject: gtube held") || m.contains("Subject: virus held"));

        Api.Reply rescanned = api.post("/api/messages/" + virus + "/release?rescan=true", "");
        assertThat(rescanned.status()).isEqualTo(409);
        assertThat(rescanned.body()).contains("stays in the quarantine: the re-scan says virus Mxgate.Test.EICAR");
        Api.Reply released = api.post("/api/messages/" + spam + "/release", "");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.body()).contains("\"status\":\"QUEUED\"");
        assertThat(arrived("gtube held")).contains("X-Spam-Flag: YES\r\n");
        Api.Reply again = api.post("/api/messages/" + spam + "/release", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("not in the quarantine");
        assertThat(api.delete("/api/messages/" + virus).status()).isEqualTo(204);
        assertThat(api.get("/api/gateways/held.e2e.test/quarantine").body()).isEqualTo("[]");

        String audit = api.get("/api/auto-gateways/audit?domain=held.e2e.test").body();
        assertThat(audit).contains("MAIL_RELEASED").contains("MAIL_DELETED").contains(spam).contains(virus)
                .contains("admin");
    }

    @Test
    void theContentPageSavesTheSettingsNamesABadOneAndReleasesHeldMail() throws Exception {
        api.createGateway("{\"domain\":\"page.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        Browser admin = new Browser(mxgate.httpPort, Mxgate.PASSWORD);
        assertThat(admin.get("/admin/")).contains("content.xhtml?domain=page.e2e.test");
        String page = admin.get("/admin/content.xhtml?domain=page.e2e.test");
        assertThat(page).contains("Content filter: page.e2e.test").containsPattern("clamd at 127\\.0\\.0\\.1:[0-9]+")
                .contains("Nothing is held.");
        java.util.Map<String, String> fields = new java.util.HashMap<>(java.util.Map.of("antivirus", "on", "antispam", "on",
                "spamTagScore", "5", "spamRefuseScore", "10", "spamAction", "QUARANTINE", "virusAction", "REFUSE",
                "whenScannerFails", "DEFER", "blockedExtensions", "exe, scr", "blockedTypes", "", "maxMessageSize", "0"));
        fields.putAll(java.util.Map.of("senderBlock", "", "senderAllow", "", "recipientBlock", "", "recipientAllow", "",
                "headerRules", "REFUSE Subject (?i)overdue invoice"));
        String saved = admin.submit(page, "settings", fields, "save");
        assertThat(saved).contains("Saved.");
        assertThat(api.get("/api/gateways/page.e2e.test").body()).contains("\"spamAction\":\"QUARANTINE\"")
                .contains("\"blockedExtensions\":[\"exe\",\"scr\"]").contains("\"pattern\":\"(?i)overdue invoice\"");
        fields.put("spamTagScore", "lots");
        assertThat(admin.submit(saved, "settings", fields, "save")).contains("spamTagScore is a number, not");

        String id = EndToEnd.queueId(send("bob@page.e2e.test", "gtube on the page", Scanners.GTUBE).output());
        String listed = admin.get("/admin/content.xhtml?domain=page.e2e.test");
        assertThat(listed).contains(id).containsPattern("spam, score 10[0-9.]+ of 10\\.0");
        String kept = admin.submit(listed, "quarantine", java.util.Map.of(), "held:0:rescan");
        assertThat(kept).contains("message " + id + " stays in the quarantine: the re-scan says spam, score");
        String released = admin.submit(kept, "quarantine", java.util.Map.of(), "held:0:release");
        assertThat(released).contains("Message " + id + " released.").contains("Nothing is held.");
        assertThat(arrived("gtube on the page")).contains("X-Spam-Flag: YES");
        assertThat(api.get("/api/auto-gateways/audit?domain=page.e2e.test").body()).contains("MAIL_RELEASED");
    }
}
