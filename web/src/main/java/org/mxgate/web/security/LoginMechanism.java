package org.mxgate.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.mxgate.web.api.Problem;

/**
 * Who is asking, two ways. Scripts ({@code /api}, {@code /metrics}) send HTTP Basic with every
 * request, through the login throttle of {@link Logins}; credentials that are not Basic as RFC 7617
 * writes it count as a failure and get the same {@code 401} as a wrong password. People (the pages)
 * sign in once with the form of {@code /login.xhtml} ({@link SignInPage}), which keeps the
 * operator in the session; a page asked for without one redirects there. Either way, only the
 * {@code admin} role may change anything: a {@code viewer}'s request with any method but GET or
 * HEAD is refused {@code 403} here (the web.xml constraints say the same).
 */
@ApplicationScoped
public class LoginMechanism implements HttpAuthenticationMechanism {

    static final String REALM = "mxgate";
    static final String LOGIN_PAGE = "/login.xhtml";

    @Inject
    Logins logins;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        return isScripted(path(request)) ? basic(request, response, context) : page(request, response, context);
    }

    private AuthenticationStatus basic(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (!context.isProtected()) {
            return context.doNothing();
        }
        String header = request.getHeader("Authorization");
        if (header == null) {
            return refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "sign in as an operator", null);
        }
        Logins.Attempt attempt = logins.attempt(request.getRemoteAddr(), parse(header));
        if (attempt.retryAfter() != null) {
            return refuse(request, response, 429, "too many failed logins from this address; try again later",
                    attempt.retryAfter());
        }
        if (!attempt.succeeded()) {
            return refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "wrong or malformed credentials", null);
        }
        return admitted(request, response, context, attempt.operator());
    }

    private AuthenticationStatus page(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        SignedIn operator = session == null ? null : (SignedIn) session.getAttribute(SignedIn.ATTRIBUTE);
        if (operator != null) {
            return admitted(request, response, context, operator);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        String next = path(request) + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        SecurityHeaders.apply(request, response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + LOGIN_PAGE
                + (reads(request) ? "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8) : ""));
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** Lets {@code operator} in, unless a viewer asks to change something. */
    private static AuthenticationStatus admitted(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, SignedIn operator) {
        if (context.isProtected() && !reads(request) && !operator.admin()) {
            return refuse(request, response, HttpServletResponse.SC_FORBIDDEN,
                    "operator " + operator.name() + " may only look, not change anything", null);
        }
        return context.notifyContainerAboutLogin(operator.name(), operator.roles());
    }

    /** Scripts log in with every request; everything else is a page for a person. */
    static boolean isScripted(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.equals("/metrics") || path.startsWith("/metrics/");
    }

    static boolean reads(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The user and password of an RFC 7617 {@code Authorization: Basic} value; empty for anything else. */
    static Optional<UsernamePasswordCredential> parse(String header) {
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Basic")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(space + 1).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** Answers the request here, a problem for the API and a line of text for the pages. */
    private static AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response, int status,
            String detail, Duration retryAfter) {
        try {
            SecurityHeaders.apply(request, response);
            if (status == HttpServletResponse.SC_UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            }
            if (isScripted(path(request))) {
                Problem.write(response, status, switch (status) {
                    case 429 -> "Too Many Requests";
                    case HttpServletResponse.SC_FORBIDDEN -> "Forbidden";
                    default -> "Unauthorized";
                }, detail, retryAfter);
            } else {
                PlainText.write(response, status, detail, retryAfter);
            }
            response.flushBuffer();
        } catch (IOException e) {
            // the client is gone
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
