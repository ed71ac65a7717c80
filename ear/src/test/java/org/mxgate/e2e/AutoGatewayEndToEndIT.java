package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Automatic gateways against dnsmasq: created for domains naming mxgate as backup MX, refused
 * otherwise, confirmed by link, reply, token and domain, delisted and relisted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoGatewayEndToEndIT extends EndToEnd {

    @Test
    @Order(1)
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
                    "on", "confirmationAddress", "admin@sender.e2e.test", "confirmWithinMinutes", "0", "deliverToHigherMx", "on",
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
                        for d in ["autoloop.e2e.test", "sender.e2e.test", "private-mx.e2e.test", "autonullmx.e2e.test",
                                  "nothere.e2e.test", "down.example"]:
                            code, text = s.rcpt("x@" + d)
                            print(d, code, text.decode())
                    """, String.valueOf(mxgate.smtpPort));
            assertThat(refused.output()).as(refused.output())
                    .contains("local (550, b'5.7.1 Error: relay access denied')")
                    .contains("autoloop.e2e.test 550 5.7.1").contains("sender.e2e.test 550 5.7.1")
                    .contains("private-mx.e2e.test 550 5.7.1").contains("autonullmx.e2e.test 550 5.7.1")
                    .contains("nothere.e2e.test 550 5.7.1").contains("down.example 451 4.4.3");
            assertThat(api.get("/api/gateways/auto3.e2e.test").status()).as("not for a local sender").isEqualTo(404);
            assertThat(api.get("/api/gateways/autoloop.e2e.test").status()).isEqualTo(404);

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
            Matcher replyTo = Pattern.compile("Reply-To: <?(confirm\\+[0-9a-f]{40}@gw\\.e2e\\.test)>?").matcher(
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
            List<String> audit = api.get("/api/auto-gateways/audit?max=1000").array().stream()
                    .map(v -> v.asJsonObject().getString("domain") + " " + v.asJsonObject().getString("action") + " "
                            + v.asJsonObject().getString("client", ""))
                    .filter(e -> e.matches("auto[0-9]?\\.e2e\\.test .*")).toList();
            assertThat(audit).contains("auto.e2e.test CREATED 127.0.0.1", "auto.e2e.test CONFIRMED link",
                    "auto2.e2e.test CONFIRMED admin", "auto4.e2e.test CONFIRMED admin",
                    "auto5.e2e.test CONFIRMED reply from [127.0.0.1]").hasSize(8);
            assertThat(new Browser(mxgate.httpPort, Mxgate.PASSWORD).get("/admin/?q=auto2.e2e.test")).contains("auto2.e2e.test")
                    .contains("automatic");

            // the DNS of auto4 stops naming mxgate: its new mail is refused, until it names it again
            restartDns(RECORDS.stream().filter(r -> !r.equals("--mx-host=auto4.e2e.test,gw.e2e.test,20")).toList());
            assertThat(api.post("/api/auto-gateways/recheck", "").status()).isEqualTo(200);
            assertThat(api.get("/api/gateways/auto4.e2e.test").object().getString("automatic")).isEqualTo("DELISTED");
            assertThat(Clients.swaks(mxgate.smtpPort, "--from", "bob@sender.e2e.test", "--to", "y@auto4.e2e.test")
                    .output()).contains("550 5.7.1 Error: relay access denied (this server is no longer an MX host");
            assertThat(new Browser(mxgate.httpPort, Mxgate.PASSWORD).get("/admin/?q=auto4.e2e.test"))
                    .contains("no longer named by its DNS");
            restartDns(RECORDS);
            api.post("/api/auto-gateways/recheck", "");
            assertThat(api.get("/api/gateways/auto4.e2e.test").object().getString("automatic")).isEqualTo("CONFIRMED");
            assertThat(api.get("/api/auto-gateways/audit?domain=auto4.e2e.test").array()).extracting(
                    v -> v.asJsonObject().getString("action")).startsWith("RELISTED", "DELISTED");
        } finally {
            api.put("/api/auto-gateways/settings", "{\"enabled\":false}");
        }
    }

    /** A second client address, since the first used up its hourly creations above. */
    private static final String CLIENT = "127.0.0.6";

    @Test
    @Order(2)
    void theTemplateAndTheDeliverySwitchDecideWhatACreatedGatewayDoes() throws Exception {
        api.createGateway("{\"domain\":\"pattern.e2e.test\",\"mode\":\"HOLD\",\"forwardHost\":\"127.0.0.1\","
                + "\"maxMessages\":50}");
        try {
            Api.Reply unknown = api.put("/api/auto-gateways/settings", "{\"templateDomain\":\"nosuch.e2e.test\"}");
            assertThat(List.of(unknown.status(), unknown.object().getString("field")))
                    .containsExactly(400, "templateDomain");
            Api.Reply settings = api.put("/api/auto-gateways/settings", "{\"enabled\":true,\"requireConfirmation\":false,"
                    + "\"templateDomain\":\"pattern.e2e.test\",\"maxPerClientPerHour\":10}");
            assertThat(settings.status()).as(settings.body()).isEqualTo(200);
            assertThat(settings.object().getBoolean("deliverToHigherMx")).as("on unless switched off").isTrue();

            String patterned = queueId(Clients.swaks(mxgate.smtpPort, "--local-interface", CLIENT, "--from",
                    "bob@sender.e2e.test", "--to", "x@auto6.e2e.test", "--header", "Subject: held by the template").output());
            JsonObject copy = api.get("/api/gateways/auto6.e2e.test").object();
            assertThat(List.of(copy.getString("automatic"), copy.getString("mode"), copy.getString("forwardHost"),
                    copy.getJsonNumber("maxMessages").toString())).as("the template's settings, through the real path")
                    .containsExactly("CONFIRMED", "HOLD", "127.0.0.1", "50");

            Browser admin = new Browser(mxgate.httpPort, Mxgate.PASSWORD);
            assertThat(admin.get("/admin/auto.xhtml")).as("the template is chosen from the gateways")
                    .containsPattern("<option value=\"pattern\\.e2e\\.test\" selected=\"selected\">");
            assertThat(api.put("/api/auto-gateways/settings", "{\"templateDomain\":\"\",\"deliverToHigherMx\":false}")
                    .status()).isEqualTo(200);
            String switchedOff = queueId(Clients.swaks(mxgate.smtpPort, "--local-interface", CLIENT, "--from",
                    "bob@sender.e2e.test", "--to", "x@auto7.e2e.test", "--header", "Subject: held by the switch").output());
            assertThat(api.get("/api/gateways/auto7.e2e.test").object().getString("mode"))
                    .as("no template, switch off: it holds").isEqualTo("HOLD");
            api.awaitQueueRuns(2);
            for (String[] held : List.of(new String[] {"auto6.e2e.test", patterned},
                    new String[] {"auto7.e2e.test", switchedOff})) {
                assertThat(api.awaitMessage(held[0], m -> m.getString("id").equals(held[1]), WAIT).getString("status"))
                        .isEqualTo("QUEUED");
            }
            assertThat(primary.texts().stream().filter(t -> t.contains("Subject: held by the"))).isEmpty();

            api.put("/api/auto-gateways/settings", "{\"templateDomain\":\"pattern.e2e.test\"}");
            assertThat(api.delete("/api/gateways/pattern.e2e.test").status()).isEqualTo(204);
            JsonObject reported = api.get("/api/auto-gateways/settings").object();
            assertThat(List.of(reported.getString("templateDomain"), reported.getBoolean("templateMissing")))
                    .as("a deleted template is reported, not silently replaced")
                    .containsExactly("pattern.e2e.test", true);
            assertThat(admin.get("/admin/auto.xhtml")).contains("The template gateway pattern.e2e.test was deleted");
        } finally {
            api.put("/api/auto-gateways/settings", "{\"enabled\":false,\"templateDomain\":\"\",\"deliverToHigherMx\":true}");
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
}
