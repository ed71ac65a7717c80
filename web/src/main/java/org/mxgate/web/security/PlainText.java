package org.mxgate.web.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.mxgate.web.api.Problem;

/** A refusal for a person (the pages) rather than a script: one line of text, and when to come back. */
public final class PlainText {

    private PlainText() {
    }

    /** Writes {@code text} with {@code status}; {@code retryAfter}, when not null, as {@code Retry-After}. */
    public static void write(HttpServletResponse response, int status, String text, Duration retryAfter)
            throws IOException {
        if (retryAfter != null) {
            response.setHeader("Retry-After", Problem.retryAfterSeconds(retryAfter));
        }
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
