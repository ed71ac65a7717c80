package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EAR on a real Payara Server 6: a fresh domain whose listeners are all on loopback, the EAR
 * deployed with asadmin, then a message received and forwarded.
 */
class EarOnPayaraServerIT {

    private static final Path SERVER = Path.of(System.getProperty("payara.server.home", "target/payara6"));
    private static final Path EAR = Path.of(System.getProperty("mxgate.ear", "target/mxgate.ear"));
    private static final Path DOMAINS = Mxgate.WORK.resolve("domains");
    private static final String DOMAIN = "mxgate-smoke";

    private static int portBase;
    private static int adminPort;
    private static int httpPort;
    private static final int SMTP_PORT = Ports.free();
    private static final int ODMR_PORT = Ports.free();

    private static Downstream primary;
    /** An administrator's own certificate, made with keytool as an administrator would. */
    private static final Path KEYSTORE = Mxgate.WORK.resolve("ear-tls.p12");

    @BeforeAll
    static void startServerAndDeploy() throws Exception {
        primary = new Downstream("ear-primary", Ports.free()).start();
        Mxgate.deleteTree(DOMAINS);
        Files.createDirectories(Mxgate.WORK);
        Files.deleteIfExists(KEYSTORE);
        Clients.Result keytool = Clients.run(List.of(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString(), "-genkeypair", "-alias", "mxgate", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=ear.e2e.test", "-storetype", "PKCS12", "-keystore", KEYSTORE.toString(), "-storepass",
                "ear-keystore", "-keypass", "ear-keystore"), null);
        assertThat(keytool.exit()).as(keytool.output()).isZero();
        createDomain();
        loopbackOnly(DOMAINS.resolve(DOMAIN).resolve("config/domain.xml"));
        asadmin(env(), "start-domain", "--domaindir", DOMAINS.toString(), DOMAIN);
        asadmin(Map.of(), "--port", String.valueOf(adminPort), "multimode", "--file",
                Mxgate.HOME.resolve("server-config/server-setup.asadmin").toString());
        asadmin(env(), "restart-domain", "--domaindir", DOMAINS.toString(), DOMAIN);
        asadmin(Map.of(), "--port", String.valueOf(adminPort), "deploy", "--name", "mxgate", EAR.toString());
    }

    /**
     * A domain on a random port base below the ephemeral range (asadmin refuses a base whose
     * ports are in use; another base is tried then).
     */
    private static void createDomain() throws Exception {
        for (int attempt = 0; ; attempt++) {
            portBase = 20000 + 100 * ThreadLocalRandom.current().nextInt(0, 120);
            adminPort = portBase + 48;
            httpPort = portBase + 80;
            try {
                asadmin(Map.of(), "create-domain", "--domaindir", DOMAINS.toString(), "--nopassword", "--portbase",
                        String.valueOf(portBase), DOMAIN);
                return;
            } catch (AssertionError e) {
                if (attempt == 4 || !e.getMessage().contains("is in use")) {
                    throw e;
                }
            }
        }
    }

    /** mxgate's settings, from the environment of the server process as in production. */
    private static Map<String, String> env() {
        return Map.ofEntries(Map.entry("MXGATE_SMTP_BIND", "127.0.0.1"),
                Map.entry("MXGATE_SMTP_PORT", String.valueOf(SMTP_PORT)), Map.entry("MXGATE_HOSTNAME", "ear.e2e.test"),
                Map.entry("MXGATE_ADMIN_PASSWORD", Mxgate.PASSWORD),
                Map.entry("MXGATE_DELIVERY_PORT", String.valueOf(primary.port)),
                Map.entry("MXGATE_DNS_SERVERS", "127.0.0.1:1"),
                // no DNS answers here (the end-to-end fixture tests SPF with dnsmasq)
                Map.entry("MXGATE_SPF", "false"), Map.entry("MXGATE_QUEUE_RUN_INTERVAL", "1s"),
                Map.entry("MXGATE_ODMR_PORT", String.valueOf(ODMR_PORT)),
                Map.entry("MXGATE_TLS_KEYSTORE", KEYSTORE.toString()),
                Map.entry("MXGATE_TLS_KEYSTORE_PASSWORD", "ear-keystore"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        try {
            asadmin(Map.of(), "stop-domain", "--domaindir", DOMAINS.toString(), DOMAIN);
        } finally {
            if (primary != null) {
                primary.close();
            }
        }
    }

    @Test
    void earReceivesAndForwards() throws Exception {
        Api api = new Api(httpPort, "admin", Mxgate.PASSWORD);
        assertThat(new Api(httpPort, null, null).get("/api/gateways").status()).isEqualTo(401);
        api.createGateway("{\"domain\":\"ear.e2e.test\",\"mode\":\"FORWARD\",\"forwardHost\":\"127.0.0.1\"}");
        Clients.Result sent = Clients.swaks(SMTP_PORT, "--from", "alice@sender.test", "--to", "bob@ear.e2e.test",
                "--header", "Subject: from the EAR");
        assertThat(sent.output()).contains("250 2.0.0 Ok: queued as ").as("the key store is used").contains("250-STARTTLS");
        String arrived = primary.await(m -> m.contains("Subject: from the EAR"), Duration.ofSeconds(30));
        assertThat(arrived).as("SPF off: no stamp").startsWith(
                "Received: from client.e2e.test ([127.0.0.1])\r\n\tby ear.e2e.test (mxgate)");
        api.awaitMessage("ear.e2e.test", m -> m.getString("status").equals("DELIVERED"), Duration.ofSeconds(30));
        assertThat(new Browser(httpPort, Mxgate.PASSWORD).get("/admin/")).as("the pages, signed in").contains("ear.e2e.test");
        assertThat(DOMAINS.resolve(DOMAIN).resolve("lib/databases/mxgate.mv.db")).as("server-setup's database").exists();
        try (java.net.Socket odmr = new java.net.Socket("127.0.0.1", ODMR_PORT)) {
            odmr.setSoTimeout(10_000);
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(odmr.getInputStream())).readLine())
                    .as("the ODMR listener of the EAR").startsWith("220 ear.e2e.test ESMTP on-demand mail relay");
        }
    }

    @Test
    void serverSetupLeavesOnlyMxgatesPortsAndTheAdminListenerOnLoopback() throws Exception {
        long pid = Long.parseLong(Files.readString(DOMAINS.resolve(DOMAIN).resolve("config/pid")).strip());
        assertThat(ListeningSockets.of(pid)).as("ss -ltnup for the Payara Server process").containsExactlyInAnyOrder(
                "tcp 127.0.0.1:" + adminPort, "tcp 127.0.0.1:" + httpPort, "tcp 127.0.0.1:" + SMTP_PORT,
                "tcp 127.0.0.1:" + ODMR_PORT);
        for (String path : List.of("/openapi", "/metrics")) {
            Curl.Response r = Curl.one("127.0.0.1", List.of("http://127.0.0.1:" + httpPort + path));
            assertThat(r.status()).as(path).isIn(401, 403, 404);
            assertThat(r.body()).as(path).doesNotContain("openapi:").doesNotContain("# TYPE");
        }
        Curl.Response ready = Curl.one("127.0.0.1", List.of("http://127.0.0.1:" + httpPort + "/health/ready"));
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"smtp-listener\"").contains("\"status\":\"UP\"");
        Curl.Response metrics = Curl.one("127.0.0.1", List.of("-u", "admin:" + Mxgate.PASSWORD,
                "http://127.0.0.1:" + httpPort + "/metrics"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("mxgate_accepted_total");
        Curl.Response api = Curl.one("127.0.0.1", List.of("-u", "admin:" + Mxgate.PASSWORD,
                "http://127.0.0.1:" + httpPort + "/api/gateways"));
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.header("server")).isEmpty();
        assertThat(api.header("x-powered-by")).isEmpty();
        assertThat(api.header("content-security-policy")).contains("frame-ancestors 'none'");
        String mode = java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(DOMAINS.resolve(DOMAIN).resolve("mxgate")));
        assertThat(mode).as("mxgate's data directory in the domain").isEqualTo("rwx------");
    }

    /** Binds every listener of the new domain to 127.0.0.1 (tests talk to loopback only). */
    private static void loopbackOnly(Path domainXml) throws Exception {
        String xml = Files.readString(domainXml);
        xml = xml.replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"");
        xml = xml.replaceAll("<network-listener (?![^>]*address=)", "<network-listener address=\"127.0.0.1\" ");
        xml = xml.replace("<hazelcast-runtime-configuration ",
                "<hazelcast-runtime-configuration das-bind-address=\"127.0.0.1\" interface=\"127.0.0.1\" ");
        int javaConfig = xml.indexOf('>', xml.indexOf("<java-config")) + 1;
        xml = xml.substring(0, javaConfig) + "<jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>"
                + xml.substring(javaConfig);
        Files.writeString(domainXml, xml);
    }

    private static void asadmin(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SERVER.resolve("bin/asadmin").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("AS_JAVA", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        assertThat(exit).as(String.join(" ", command) + "\n" + out).isZero();
    }
}
