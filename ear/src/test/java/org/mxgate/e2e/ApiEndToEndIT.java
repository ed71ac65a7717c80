package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The API and the pages as an operator's script and browser meet them: credentials, problem details
 * naming the field, the gateways page.
 */
class ApiEndToEndIT extends EndToEnd {

    @Test
    void apiAndPagesAnswerNothingWithoutCredentials() throws Exception {
        Api anonymous = new Api(mxgate.httpPort, null, null);
        assertThat(anonymous.get("/api/gateways").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/messages/X").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/gateways", "{}").status()).isEqualTo(401);
        assertThat(anonymous.get("/admin/").status()).as("to the sign-in form").isEqualTo(303);
        assertThat(anonymous.post("/admin/gateway.xhtml", "{}").status()).as("to the sign-in form").isEqualTo(303);
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
    void adminPageListsGatewaysWithTheirQueueCounts() throws Exception {
        api.createGateway("{\"domain\":\"page.e2e.test\",\"mode\":\"HOLD\"}");
        Clients.Result sent = Clients.swaks(mxgate.smtpPort, "--from", "a@sender.test", "--to", "p@page.e2e.test");
        queueId(sent.output());
        String page = new Browser(mxgate.httpPort, Mxgate.PASSWORD).get("/admin/?q=page.e2e");
        Matcher row = Pattern.compile("<tr[^>]*>\\s*<td><a href=\"[^\"]*domain=page\\.e2e\\.test\">page\\.e2e\\.test</a>.*?"
                + "<td>HOLD<div class=\"muted\">held for collection</div></td>.*?>1 \\(\\d+(\\.\\d)? (B|KB)\\)</a>",
                Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as(page).isTrue();
        assertThat(page).contains("1 of ");
    }

    @Test
    void namedOperatorsWorkInTheirRoleAndTheAuditLogNamesThem() throws Exception {
        Api.Reply shortPassword = api.put("/api/operators/alice", "{\"role\":\"admin\",\"password\":\"short\"}");
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.object().getString("field")).isEqualTo("password");
        assertThat(api.put("/api/operators/admin", "{\"role\":\"viewer\",\"password\":\"a-long-password\"}")
                .object().getString("field")).as("a built-in name").isEqualTo("name");
        assertThat(api.put("/api/operators/alice", "{\"role\":\"admin\",\"password\":\"alice-password-1\"}").status())
                .isEqualTo(201);
        assertThat(api.put("/api/operators/bob", "{\"role\":\"viewer\",\"password\":\"bob-password-12\"}").status())
                .isEqualTo(201);
        assertThat(api.get("/api/operators").body()).contains("\"name\":\"alice\"").contains("\"role\":\"viewer\"")
                .doesNotContain("password");

        Api alice = new Api(mxgate.httpPort, "alice", "alice-password-1");
        alice.createGateway("{\"domain\":\"alice.e2e.test\",\"mode\":\"HOLD\"}");
        Api bob = new Api(mxgate.httpPort, "bob", "bob-password-12");
        assertThat(bob.get("/api/gateways/alice.e2e.test").status()).isEqualTo(200);
        assertThat(bob.delete("/api/gateways/alice.e2e.test").status()).as("a viewer").isEqualTo(403);
        assertThat(api.get("/api/audit?domain=alice.e2e.test").array()).extracting(v -> v.asJsonObject().getString("action")
                + " " + v.asJsonObject().getString("client")).containsExactly("CREATED alice");
        assertThat(new Browser(mxgate.httpPort, "bob", "bob-password-12").get("/admin/")).contains("bob (viewer: read only)");

        assertThat(api.put("/api/operators/alice", "{\"role\":\"viewer\"}").status()).as("the role alone").isEqualTo(200);
        assertThat(alice.delete("/api/gateways/alice.e2e.test").status()).as("at once a viewer").isEqualTo(403);
        assertThat(api.delete("/api/operators/alice").status()).isEqualTo(204);
        assertThat(api.delete("/api/operators/alice").status()).isEqualTo(404);
        // from an address of its own: a failed login counts against the address
        assertThat(Curl.one("127.0.0.63", java.util.List.of("-u", "alice:alice-password-1",
                "http://127.0.0.1:" + mxgate.httpPort + "/api/gateways")).status()).as("removed").isEqualTo(401);
        assertThat(api.get("/api/audit?domain=*").array()).extracting(v -> v.asJsonObject().getString("action") + " "
                + v.asJsonObject().getString("client")).contains("OPERATOR_SET admin", "OPERATOR_GONE admin");
        assertThat(api.delete("/api/gateways/alice.e2e.test").status()).isEqualTo(204);
    }
}
