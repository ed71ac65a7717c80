package org.mxgate.e2e;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does with mxgate's pages, at the HTTP level: keeps the session cookie, signs in
 * with the sign-in form when it has a password, and submits a JSF form with its view state.
 */
final class Browser {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final String origin;

    /** @param password the administrator's (signed in at once), or null for a visitor */
    Browser(int httpPort, String password) throws Exception {
        this(httpPort, "admin", password);
    }

    Browser(int httpPort, String user, String password) throws Exception {
        this.origin = "http://127.0.0.1:" + httpPort;
        if (password != null) {
            submit(get("/login.xhtml"), "signin", Map.of("user", user, "password", password), "go");
        }
    }

    /** The page at {@code url} (absolute, or a path on mxgate). */
    String get(String url) throws Exception {
        return http.send(request(url).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Submits form {@code formId} of {@code page} with {@code fields} (names without the form's
     * prefix; a checkbox is on when present) and the button {@code button}; returns the answer.
     */
    String submit(String page, String formId, Map<String, String> fields, String button) throws Exception {
        Matcher action = Pattern.compile("<form id=\"" + formId + "\"[^>]*action=\"([^\"]+)\"").matcher(page);
        Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(page);
        if (!action.find() || !state.find()) {
            throw new AssertionError("no form " + formId + " in:\n" + page);
        }
        StringBuilder body = new StringBuilder(formId + "=" + formId);
        // the form's own hidden fields, as a browser sends them (Faces' view state comes below)
        int start = page.indexOf("<form id=\"" + formId + "\"");
        String form = page.substring(start, page.indexOf("</form>", start));
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(form);
        while (hidden.find()) {
            if (!hidden.group(1).equals("jakarta.faces.ViewState") && !hidden.group(1).equals(formId)) {
                body.append('&').append(encode(hidden.group(1))).append('=')
                        .append(encode(hidden.group(2).replace("&amp;", "&")));
            }
        }
        fields.forEach((k, v) -> body.append('&').append(encode(formId + ":" + k)).append('=').append(encode(v)));
        body.append('&').append(encode(formId + ":" + button)).append("=x");
        body.append("&jakarta.faces.ViewState=").append(encode(state.group(1)));
        return http.send(request(action.group(1).replace("&amp;", "&"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : origin + url));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
