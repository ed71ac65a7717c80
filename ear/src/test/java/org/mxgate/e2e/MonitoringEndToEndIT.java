package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an operator's monitoring sees: {@code /metrics} (Prometheus text, behind the login) before
 * and after mail goes through, a deleted gateway's gauges gone, and {@code /health} without a login.
 */
class MonitoringEndToEndIT extends EndToEnd {

    @Test
    void metricsCountMailAndFollowEachGatewaysQueue() throws Exception {
        api.createGateway("{\"domain\":\"metrics.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\","
                + "\"forwardPort\":" + primary.port + "}");
        api.createGateway("{\"domain\":\"metrics-held.e2e.test\",\"mode\":\"HOLD\"}");
        api.createGateway("{\"domain\":\"metrics-list.e2e.test\",\"mode\":\"HOLD\"}");
        assertThat(api.put("/api/gateways/metrics-list.e2e.test/verification", "{\"method\":\"LIST\"}").status())
                .isEqualTo(200);
        String before = scrape();

        String id = queueId(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to",
                "bob@metrics.e2e.test", "--header", "Subject: counted").output());
        Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "carol@metrics-held.e2e.test");
        Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "carol@metrics-held.e2e.test");
        Clients.Result relay = Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to",
                "eve@not-a-gateway.e2e.test");
        assertThat(relay.output()).contains("550 5.7.1");
        assertThat(Clients.swaks(mxgate.smtpPort, "--from", "alice@sender.test", "--to", "nobody@metrics-list.e2e.test")
                .output()).contains("550 5.1.1");
        api.awaitMessage("metrics.e2e.test", m -> m.getString("id").equals(id)
                && m.getString("status").equals("DELIVERED"), WAIT);

        String after = awaitScrape(text -> value(text, "mxgate_gateway_messages", "gateway=\"metrics-held.e2e.test\"",
                "state=\"queued\"") == 2.0);
        assertThat(value(after, "mxgate_accepted_total")).isGreaterThanOrEqualTo(value(before, "mxgate_accepted_total") + 3);
        assertThat(value(after, "mxgate_refused_total", "reason=\"relay\""))
                .isGreaterThanOrEqualTo(value(before, "mxgate_refused_total", "reason=\"relay\"") + 1);
        assertThat(value(after, "mxgate_refused_total", "reason=\"unknown_recipient\""))
                .isGreaterThanOrEqualTo(value(before, "mxgate_refused_total", "reason=\"unknown_recipient\"") + 1);
        assertThat(value(after, "mxgate_delivered_total")).isGreaterThanOrEqualTo(value(before, "mxgate_delivered_total") + 1);
        assertThat(value(after, "mxgate_data_reply_seconds_count"))
                .isGreaterThanOrEqualTo(value(before, "mxgate_data_reply_seconds_count") + 3);
        assertThat(value(after, "mxgate_delivery_attempt_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "mxgate_gateway_backlog_bytes", "gateway=\"metrics-held.e2e.test\"")).isGreaterThan(500);
        assertThat(value(after, "mxgate_gateway_oldest_waiting_seconds", "gateway=\"metrics-held.e2e.test\""))
                .isGreaterThanOrEqualTo(0);
        assertThat(awaitScrape(text -> value(text, "mxgate_gateway_next_hop_up", "gateway=\"metrics.e2e.test\"") == 1.0))
                .contains("mxgate_sessions_open{listener=\"smtp\"");

        assertThat(api.delete("/api/gateways/metrics-held.e2e.test?purge=true").status()).isEqualTo(204);
        assertThat(awaitScrape(text -> !text.contains("metrics-held.e2e.test"))).as("a deleted gateway's gauges")
                .doesNotContain("metrics-held.e2e.test").contains("gateway=\"metrics.e2e.test\"");
    }

    @Test
    void metricsNeedTheLoginAndHealthNeedsNone() throws Exception {
        Curl.Response anonymous = Curl.one("127.0.0.1", List.of(http("/metrics")));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("# TYPE");

        for (String path : List.of("/health/live", "/health/ready")) {
            Curl.Response r = Curl.one("127.0.0.1", List.of(http(path)));
            assertThat(r.status()).as(path).isEqualTo(200);
            JsonObject health = Json.createReader(new StringReader(r.body())).readObject();
            assertThat(health.getString("status")).as(path).isEqualTo("UP");
            assertThat(r.body()).as(path).doesNotContain("e2e.test").doesNotContainIgnoringCase("payara");
        }
        assertThat(Curl.one("127.0.0.1", List.of(http("/health/ready"))).body()).contains("\"database\"")
                .contains("\"smtp-listener\"").contains("\"queue-runner\"");
    }

    private static String http(String path) {
        return "http://127.0.0.1:" + mxgate.httpPort + path;
    }

    private static String scrape() throws Exception {
        Api.Reply r = api.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        return r.body();
    }

    /** Scrapes until {@code wanted} holds (the gauges are published every 15 s); returns the last scrape. */
    private static String awaitScrape(java.util.function.Predicate<String> wanted) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        String text = scrape();
        while (!wanted.test(text) && System.nanoTime() < end) {
            Thread.sleep(500);
            text = scrape();
        }
        return text;
    }

    /** The value of the sample of {@code name} whose labels hold each of {@code labels}; -1 if none. */
    static double value(String text, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
        while (m.find()) {
            String found = m.group(1);
            if (java.util.Arrays.stream(labels).allMatch(found::contains)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }
}
