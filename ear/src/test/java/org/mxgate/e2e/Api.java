package org.mxgate.e2e;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;

/** The JSON API as an operator's script uses it. */
final class Api {

    record Reply(int status, String contentType, String body) {
        JsonObject object() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        JsonArray array() {
            return Json.createReader(new StringReader(body)).readArray();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    Api(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Reply get(String path) throws Exception {
        return send(request(path).GET());
    }

    Reply post(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply put(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A PUT or POST of plain text (an address list upload). */
    Reply text(String method, String path, String text) throws Exception {
        return send(request(path).header("Content-Type", "text/plain; charset=UTF-8")
                .method(method, HttpRequest.BodyPublishers.ofString(text)));
    }

    Reply delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    /** Creates a gateway and checks it was created. */
    void createGateway(String json) throws Exception {
        Reply r = post("/api/gateways", json);
        if (r.status() != 201) {
            throw new AssertionError("creating gateway " + json + ": " + r);
        }
    }

    /**
     * Polls the messages of a gateway until one satisfies the predicate in two listings in a row,
     * and returns it as the second one shows it. (On the embedded H2 a listing read while an
     * attempt commits was seen with a message's new status beside its recipients' old rows;
     * the second read is after that commit.)
     */
    JsonObject awaitMessage(String domain, Predicate<JsonObject> wanted, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        String last = "";
        boolean seen = false;
        while (System.nanoTime() < end) {
            Reply r = get("/api/gateways/" + domain + "/messages");
            last = r.body();
            JsonObject match = null;
            if (r.status() == 200) {
                for (JsonValue v : r.array()) {
                    if (wanted.test(v.asJsonObject())) {
                        match = v.asJsonObject();
                        break;
                    }
                }
            }
            if (match != null && seen) {
                return match;
            }
            seen = match != null;
            Thread.sleep(seen ? 100 : 250);
        }
        throw new AssertionError("no such message in " + domain + " within " + timeout + "; last: " + last);
    }

    /**
     * Waits until this instance's queue runner has finished {@code runs} more runs than now: then
     * everything that was due has been tried, so a test may check that something did not happen.
     */
    void awaitQueueRuns(int runs) throws Exception {
        long start = get("/api/queue").object().getJsonNumber("completedRuns").longValue();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (get("/api/queue").object().getJsonNumber("completedRuns").longValue() < start + runs) {
            if (System.nanoTime() > end) {
                throw new AssertionError("fewer than " + runs + " queue runs within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }
}
