package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What mxgate exposes, tried from outside as an attacker on the same network would: the sockets
 * it listens on, the files it writes, and its HTTP surface (login throttle, malformed credentials,
 * body size, numbers, headers, the public confirmation page). Clients that must not disturb each
 * other's per-address limits come from addresses of their own in 127.0.0.0/8.
 */
class ExposureEndToEndIT {

    private static final int HTTPS_PORT = Ports.free();
    private static Mxgate mxgate;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        mxgate = new Mxgate("exposure", Ports.free()).withGeneratedPassword()
                .with("MXGATE_HTTPS_PORT", String.valueOf(HTTPS_PORT));
        // a data directory an earlier version left readable by everyone
        Files.createDirectories(mxgate.dataDir.resolve("db"));
        Files.writeString(mxgate.dataDir.resolve("db/left-over"), "old");
        Files.setPosixFilePermissions(mxgate.dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(mxgate.dataDir.resolve("db/left-over"), PosixFilePermissions.fromString("rw-r--r--"));
        mxgate.start();
        api = new Api(mxgate.httpPort, "admin", password());
    }

    @AfterAll
    static void stop() throws Exception {
        if (mxgate != null) {
            mxgate.stop();
        }
    }

    private static String password() throws IOException {
        return Files.readString(mxgate.dataDir.resolve("admin-password"), StandardCharsets.UTF_8).strip();
    }

    @Test
    void listensOnExactlyTheConfiguredPortsAndOpensNoDataGrid() throws Exception {
        assertThat(ListeningSockets.of(mxgate.pid())).as("ss -ltnup for ./mxgate run").containsExactlyInAnyOrder(
                "tcp 127.0.0.1:" + mxgate.smtpPort, "tcp 127.0.0.1:" + mxgate.httpPort, "tcp 127.0.0.1:" + HTTPS_PORT,
                "tcp 127.0.0.1:" + mxgate.pop3Port, "tcp 127.0.0.1:" + mxgate.odmrPort);
        Optional<InetAddress> outside = nonLoopbackAddress();
        if (outside.isPresent()) {
            // Where a Hazelcast member (Payara's data grid) would listen, from the machine's own address.
            for (int port : List.of(4900, 5701, 5702, 6900, 6901, 6902)) {
                assertThat(connects(outside.get(), port)).as("a grid port %s:%d", outside.get(), port).isFalse();
            }
        }
    }

    @Test
    void filesAreReadableByMxgatesUserOnlyAfterTheFirstStartAndAfterARestart() throws Exception {
        assertPrivate(mxgate.dataDir);
        assertThat(mxgate.dataDir.resolve("admin-password")).exists();
        assertThat(mxgate.dataDir.resolve("db/mxgate.mv.db")).exists();
        assertThat(mxgate.dataDir.resolve("tls/mxgate.p12")).exists();
        assertThat(mxgate.dataDir.resolve("preboot.asadmin")).exists();

        assertThat(mxgate.interrupt()).isEqualTo(130);
        mxgate.start();
        assertPrivate(mxgate.dataDir);
        assertThat(api.get("/api/gateways").status()).as("the generated password is kept").isEqualTo(200);
        assertThat(ListeningSockets.of(mxgate.pid())).as("after the restart").hasSize(5);
    }

    @Test
    void malformedCredentialsGet401WithoutAStackTrace() throws Exception {
        long logBefore = Files.size(mxgate.log);
        int from = 30;
        for (String header : List.of("Basic !!!not-base64", "Basic", "Basic " + b64("no-colon"), "Bearer x",
                "Basic " + b64("admin:\u0000"), "basic")) {
            // each from an address of its own: every malformed header counts as a failed login
            Curl.Response r = curl("127.0.0." + from++, "-H", "Authorization: " + header, http("/api/gateways"));
            assertThat(r.status()).as(header).isEqualTo(401);
            assertThat(r.header("www-authenticate")).startsWith("Basic realm=\"mxgate\"");
            assertThat(r.body()).contains("\"status\":401");
        }
        String logged = new String(Files.readAllBytes(mxgate.log), StandardCharsets.UTF_8).substring((int) logBefore);
        assertThat(logged).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void wrongPasswordsSlowAnAddressDownThenItIsRefusedWithoutACheck() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(curl("127.0.0.22", "-u", "admin:guess" + i, http("/api/gateways")).status()).isEqualTo(401);
        }
        Curl.Response fourth = curl("127.0.0.22", "-u", "admin:" + password(), http("/api/gateways"));
        assertThat(fourth.status()).as("even the right password, right after three wrong ones").isEqualTo(429);
        assertThat(fourth.header("retry-after")).isNotEmpty();
        assertThat(curl("127.0.0.1", "-u", "admin:" + password(), http("/api/gateways")).status())
                .as("another address").isEqualTo(200);
        Thread.sleep(Long.parseLong(fourth.header("retry-after")) * 1000 + 200);
        assertThat(curl("127.0.0.22", "-u", "admin:" + password(), http("/api/gateways")).status())
                .as("after the pause").isEqualTo(200);
    }

    @Test
    void apiBodiesAreCappedAndNumbersOutOfRangeNamed() throws Exception {
        Path big = Files.createTempFile("mxgate-e2e", ".json");
        try {
            Files.write(big, ("{\"domain\":\"" + "a".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII));
            Curl.Response declared = curl("127.0.0.1", "-u", "admin:" + password(), "-H",
                    "Content-Type: application/json", "--data-binary", "@" + big, http("/api/gateways"));
            assertThat(declared.status()).isEqualTo(413);
            assertThat(declared.body()).doesNotContain("aaaa");
            Curl.Response chunked = curl("127.0.0.1", "-u", "admin:" + password(), "-H",
                    "Content-Type: application/json", "-H", "Transfer-Encoding: chunked", "--data-binary", "@" + big,
                    http("/api/gateways"));
            assertThat(chunked.status()).as("a chunked body without a length").isEqualTo(413);
        } finally {
            Files.delete(big);
        }
        Api.Reply huge = api.post("/api/gateways", "{\"domain\":\"range.e2e.test\",\"mode\":\"HOLD\","
                + "\"maxMessages\":99999999999999999999999}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.object().getString("field")).isEqualTo("maxMessages");
        Api.Reply half = api.post("/api/gateways", "{\"domain\":\"range.e2e.test\",\"mode\":\"HOLD\","
                + "\"maxConnections\":2.5}");
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.object().getString("field")).isEqualTo("maxConnections");
        Api.Reply tooBigForInt = api.post("/api/gateways", "{\"domain\":\"range.e2e.test\",\"mode\":\"HOLD\","
                + "\"forwardPort\":4294967321}");
        assertThat(tooBigForInt.status()).isEqualTo(400);
        assertThat(tooBigForInt.object().getString("field")).isEqualTo("forwardPort");
        assertThat(api.get("/api/gateways/range.e2e.test").status()).as("nothing stored").isEqualTo(404);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndPayarasOwnEndpointsAreClosed() throws Exception {
        for (String path : List.of("/api/gateways", "/login.xhtml", "/confirm.xhtml", "/")) {
            Curl.Response r = curl("127.0.0.1", "-u", "admin:" + password(), http(path));
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("x-content-type-options")).as(path).isEqualTo("nosniff");
            assertThat(r.header("content-security-policy")).as(path).contains("frame-ancestors 'none'");
            assertThat(r.header("referrer-policy")).as(path).isEqualTo("no-referrer");
            assertThat(r.header("server")).as(path).isEmpty();
            assertThat(r.header("x-powered-by")).as(path).isEmpty();
        }
        Curl.Response unauthorized = curl("127.0.0.1", http("/api/gateways"));
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("content-security-policy")).contains("frame-ancestors 'none'");

        Curl.Response notSignedIn = curl("127.0.0.1", "-u", "admin:" + password(), http("/admin/auto.xhtml"));
        assertThat(notSignedIn.status()).as("the pages take no Basic credentials: they sign in").isEqualTo(303);
        assertThat(notSignedIn.header("location")).endsWith("/login.xhtml?next=%2Fadmin%2Fauto.xhtml");
        assertThat(notSignedIn.header("content-security-policy")).contains("frame-ancestors 'none'");
        Curl.Response page = curl("127.0.0.1", http("/login.xhtml"));
        assertThat(page.header("set-cookie")).as("no session for a visitor who has not signed in").isEmpty();
        assertThat(page.body()).doesNotContainIgnoringCase(";jsessionid=");
        assertThat(page.header("cache-control")).isEqualTo("no-store");
        Curl.Response signedIn = signIn("127.0.0.62", java.nio.file.Files.createTempFile("mxgate-e2e-cookies", ".txt"),
                password());
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("location")).endsWith("/admin/");
        assertThat(signedIn.header("set-cookie")).as("the pages' session cookie").contains("SameSite=Strict")
                .contains("HttpOnly");

        // health answers without a login (MonitoringEndToEndIT); the rest needs it or is not there
        for (String path : List.of("/openapi", "/metrics", "/metrics?scope=base", "/metrics?scope=vendor")) {
            Curl.Response r = curl("127.0.0.1", http(path));
            assertThat(r.status()).as(path).isIn(401, 403, 404);
            assertThat(r.body()).as(path).doesNotContain("openapi:").doesNotContain("# TYPE")
                    .doesNotContainIgnoringCase("payara");
        }
        Curl.Response missing = curl("127.0.0.1", http("/no-such-page"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).doesNotContainIgnoringCase("payara").doesNotContain("Exception");
    }

    @Test
    void theConfirmationPageKeepsNoSessionAndRefusesABurst() throws Exception {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            args.add(http("/confirm.xhtml?token=guess" + i));
        }
        List<Curl.Response> burst = Curl.many("127.0.0.23", args);
        assertThat(burst).hasSize(30);
        assertThat(burst.subList(0, 20)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(burst.subList(20, 30)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.header("retry-after")).isNotEmpty();
        });
        assertThat(burst).allSatisfy(r -> assertThat(r.header("set-cookie")).as("no session").isEmpty());
        assertThat(burst.get(0).body()).contains("This link is not (or no longer) valid");
        assertThat(curl("127.0.0.24", http("/confirm.xhtml?token=x")).status()).as("another address").isEqualTo(200);
    }

    @Test
    void httpsServesTheApiWithMxgatesCertificate() throws Exception {
        Path pem = mxgate.certificatePem();
        Curl.Response r = curl("127.0.0.1", "--cacert", pem.toString(), "--resolve",
                "gw.e2e.test:" + HTTPS_PORT + ":127.0.0.1", "-u", "admin:" + password(),
                "https://gw.e2e.test:" + HTTPS_PORT + "/api/gateways");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).startsWith("[");
    }

    private static String http(String path) {
        return "http://127.0.0.1:" + mxgate.httpPort + path;
    }

    @Test
    void theSignInFormNamesAWrongPasswordAndThrottlesLikeTheApi() throws Exception {
        java.nio.file.Path jar = java.nio.file.Files.createTempFile("mxgate-e2e-cookies", ".txt");
        String from = "127.0.0.61"; // an address no other test here logs in from
        for (int i = 1; i <= 3; i++) {
            assertThat(signIn(from, jar, "wrong" + i).body()).as("try " + i).contains("Wrong user name or password");
        }
        // one guard for the form and the API: the address now waits for both, even with the right password
        assertThat(curl(from, "-u", "admin:" + password(), http("/api/gateways")).status()).isEqualTo(429);
        assertThat(signIn(from, jar, password()).body()).contains("Too many failed sign-ins from this address");
    }

    /** Opens the sign-in form from {@code from} and posts it with {@code password}. */
    private static Curl.Response signIn(String from, java.nio.file.Path jar, String password) throws Exception {
        Curl.Response form = curl(from, "-c", jar.toString(), "-b", jar.toString(), http("/login.xhtml"));
        java.util.regex.Matcher state = java.util.regex.Pattern
                .compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(state.find()).as(form.body()).isTrue();
        return curl(from, "-c", jar.toString(), "-b", jar.toString(), "--data-urlencode", "signin=signin",
                "--data-urlencode", "signin:user=admin", "--data-urlencode", "signin:password=" + password,
                "--data-urlencode", "signin:go=Sign in", "--data-urlencode", "jakarta.faces.ViewState=" + state.group(1),
                http("/login.xhtml"));
    }

    private static Curl.Response curl(String from, String... args) throws Exception {
        return Curl.one(from, List.of(args));
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertPrivate(Path dataDir) throws IOException {
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path p : paths.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertThat(mode).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback()) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean connects(InetAddress address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (ConnectException | SocketTimeoutException e) {
            return false;
        }
    }
}
