package org.mxgate.web.api;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An RFC 9457 problem detail. {@code field} names the request member at fault, when there is one.
 */
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * Writes a problem straight to a servlet response, for answers given before JAX-RS runs (login,
     * body size); {@code retryAfter}, when not null, becomes a {@code Retry-After} in whole seconds.
     */
    public static void write(HttpServletResponse response, int status, String title, String detail,
            Duration retryAfter) throws IOException {
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfterSeconds(retryAfter));
        }
        byte[] body = Json.createObjectBuilder().add("type", "about:blank").add("title", title).add("status", status)
                .add("detail", detail).build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A wait as {@code Retry-After} wants it: whole seconds, rounded up, at least 1. */
    public static String retryAfterSeconds(Duration wait) {
        return String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    public static Response response(Response.StatusType status, String detail, String field) {
        return Response.status(status.getStatusCode())
                .type(MEDIA_TYPE)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, field))
                .build();
    }
}
