package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two mxgate instances sharing one PostgreSQL database (MXGATE_DB_URL): mail accepted by either
 * is delivered by one of them, exactly once.
 */
class SharedPostgresIT {

    private static final int PER_INSTANCE = 150;

    private static Postgres postgres;
    private static Downstream primary;
    private static Mxgate a;
    private static Mxgate b;

    @BeforeAll
    static void start() throws Exception {
        postgres = new Postgres("postgres").start();
        primary = new Downstream("shared-primary", Ports.free()).start();
        a = new Mxgate("shared-a", primary.port);
        b = new Mxgate("shared-b", primary.port);
        for (Mxgate m : List.of(a, b)) {
            m.with("MXGATE_DB_URL", postgres.url()).with("MXGATE_DB_PASSWORD", Postgres.PASSWORD)
                    .with("MXGATE_INSTANCE", m == a ? "instance-a" : "instance-b");
        }
        a.start();
        b.start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, primary, postgres}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void mailAcceptedByEitherInstanceIsDeliveredExactlyOnce() throws Exception {
        a.api().createGateway("{\"domain\":\"shared.e2e.test\",\"mode\":\"HOLD\"}");
        assertThat(b.api().get("/api/gateways/shared.e2e.test").status()).as("the other instance sees it").isEqualTo(200);
        CompletableFuture<Clients.Result> toA = CompletableFuture.supplyAsync(() -> source(a));
        CompletableFuture<Clients.Result> toB = CompletableFuture.supplyAsync(() -> source(b));
        assertThat(toA.get().exit()).as(toA.get().output()).isZero();
        assertThat(toB.get().exit()).as(toB.get().output()).isZero();
        Api.Reply held = a.api().get("/api/gateways/shared.e2e.test/messages?max=1000");
        assertThat(held.array()).hasSize(2 * PER_INSTANCE);

        assertThat(b.api().put("/api/gateways/shared.e2e.test", "{\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}")
                .status()).isEqualTo(200);
        // both instances start delivering the same queue at the same moment
        CompletableFuture<Api.Reply> flushA = CompletableFuture.supplyAsync(() -> flush(a));
        CompletableFuture<Api.Reply> flushB = CompletableFuture.supplyAsync(() -> flush(b));
        assertThat(flushA.get().status()).isEqualTo(200);
        assertThat(flushB.get().status()).isEqualTo(200);

        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (primary.messages().size() < 2 * PER_INSTANCE && System.nanoTime() < end) {
            Thread.sleep(500);
        }
        // both instances have tried everything due since: a second delivery would have happened by now
        a.api().awaitQueueRuns(2);
        b.api().awaitQueueRuns(2);
        Pattern id = Pattern.compile(" id ([0-9A-Z]+)\r\n");
        Map<String, Long> deliveries = primary.texts().stream().map(t -> {
            Matcher m = id.matcher(t);
            return m.find() ? m.group(1) : "none";
        }).collect(Collectors.groupingBy(x -> x, Collectors.counting()));
        assertThat(deliveries).hasSize(2 * PER_INSTANCE);
        assertThat(deliveries.values()).allMatch(n -> n == 1);
        long recorded = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!a.api().get("/api/gateways/shared.e2e.test/messages?max=1000").array().stream()
                .allMatch(m -> m.asJsonObject().getString("status").equals("DELIVERED")) && System.nanoTime() < recorded) {
            Thread.sleep(200);
        }
        assertThat(a.api().get("/api/gateways/shared.e2e.test/messages?max=1000").array())
                .allMatch(m -> m.asJsonObject().getString("status").equals("DELIVERED"));
    }

    @Test
    void readinessIsDownWhileTheDatabaseIsAndUpAgainAfter() throws Exception {
        assertThat(ready(a).status()).as(ready(a).body()).isEqualTo(200);
        postgres.close();
        try {
            Curl.Response down = awaitReady(a, 503);
            assertThat(down.status()).as(down.body()).isEqualTo(503);
            assertThat(down.body()).contains("\"name\":\"database\",\"status\":\"DOWN\"");
        } finally {
            postgres.startServer();
        }
        Curl.Response up = awaitReady(a, 200);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        for (Mxgate m : List.of(a, b)) {
            assertThat(m.api().get("/api/gateways").status()).as("the API after the database came back").isEqualTo(200);
        }
    }

    private static Curl.Response ready(Mxgate m) throws Exception {
        return Curl.one("127.0.0.1", List.of("http://127.0.0.1:" + m.httpPort + "/health/ready"));
    }

    private static Curl.Response awaitReady(Mxgate m, int status) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Curl.Response r = ready(m);
        while (r.status() != status && System.nanoTime() < end) {
            Thread.sleep(500);
            r = ready(m);
        }
        return r;
    }

    @Test
    void anEmptyPasswordIsTrustOrPeerAuthenticationNotAThrowAwayDatabase() throws Exception {
        String url = postgres.trustedDatabase("trusting");
        try (Mxgate c = new Mxgate("shared-trust", primary.port)) {
            c.with("MXGATE_DB_URL", url).with("MXGATE_DB_USER", "trusting").start();
            c.api().createGateway("{\"domain\":\"trust.e2e.test\",\"mode\":\"HOLD\"}");
            Clients.Result sent = Clients.swaks(c.smtpPort, "--to", "someone@trust.e2e.test", "--from", "a@src.test");
            assertThat(sent.output()).contains("250 2.0.0 Ok: queued as");
            // in PostgreSQL, not in a database of Payara's own
            assertThat(postgres.rows("trusting", "queued_message")).isEqualTo(1);
            assertThat(postgres.rows("trusting", "gateway")).isEqualTo(1);

            // a database made before recipients were indexed gets the index at the next start
            String index = "SELECT count(*) FROM pg_indexes WHERE indexname = 'message_recipient_message'";
            assertThat(postgres.sql("trusting", index)).isEqualTo("1");
            c.stop();
            postgres.sql("trusting", "DROP INDEX message_recipient_message");
            c.start();
            assertThat(postgres.sql("trusting", index)).isEqualTo("1");
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedStopsTheStart() throws Exception {
        Mxgate wrong = new Mxgate("shared-wrong", primary.port)
                .with("MXGATE_DB_URL", "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/mxgate")
                .with("MXGATE_DB_PASSWORD", Postgres.PASSWORD);
        int exit = wrong.startExpectingRefusal(Duration.ofSeconds(150));
        assertThat(exit).isNotZero();
        assertThat(java.nio.file.Files.readString(wrong.log)).contains("mxgate: cannot start: the database jdbc:postgresql://127.0.0.1:");
    }

    @Test
    void aSettingPayaraCannotTakeStopsTheStartInsteadOfAThrowAwayDatabase() throws Exception {
        // the database answers this user (the launcher's check passes), but a space in the user
        // name breaks Payara's pre-boot command: the pool is not made, and Payara would go on
        // with a throw-away H2 database of its own
        postgres.trustedRole("mx gate");
        Mxgate wrong = new Mxgate("shared-untaken", primary.port).with("MXGATE_DB_URL", postgres.url())
                .with("MXGATE_DB_USER", "mx gate");
        int exit = wrong.startExpectingRefusal(Duration.ofSeconds(150));
        assertThat(exit).isEqualTo(3);
        assertThat(java.nio.file.Files.readString(wrong.log))
                .contains("mxgate cannot start: the database setting was not taken");
    }

    private static Clients.Result source(Mxgate m) {
        try {
            // -d: each of the 5 sessions sends its messages over one connection (one connection a
            // message would be 150 a minute from one address, past the per-client rate)
            return Clients.run(List.of("smtp-source", "-d", "-s", "5", "-m", String.valueOf(PER_INSTANCE), "-l", "1024",
                    "-f", "sender@src.test", "-t", "rcpt@shared.e2e.test", "-M", "src.test",
                    "127.0.0.1:" + m.smtpPort), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Api.Reply flush(Mxgate m) {
        try {
            return m.api().post("/api/gateways/shared.e2e.test/flush", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
