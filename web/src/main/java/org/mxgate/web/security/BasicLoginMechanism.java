package org.mxgate.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.mxgate.limit.LoginGuard;
import org.mxgate.web.api.Problem;

/**
 * HTTP Basic for the API and the pages, with a login throttle per client address: after 3
 * failures within 15 minutes each further try waits twice as long as the one before, after 10
 * the address is refused until its failures are 15 minutes old ({@code 429} with
 * {@code Retry-After}, no password checked). Credentials that are not Basic as RFC 7617 writes it
 * count as a failure and get the same {@code 401} as a wrong password.
 */
@ApplicationScoped
public class BasicLoginMechanism implements HttpAuthenticationMechanism {

    static final String REALM = "mxgate";
    private static final Logger LOG = Logger.getLogger(BasicLoginMechanism.class.getName());

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    Clock clock;

    private LoginGuard guard;

    @PostConstruct
    void init() {
        guard = new LoginGuard(3, 10, Duration.ofMinutes(15), clock);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (!context.isProtected()) {
            return context.doNothing();
        }
        String header = request.getHeader("Authorization");
        if (header == null) {
            return refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "sign in as the administrator", null);
        }
        String client = request.getRemoteAddr();
        Optional<Duration> wait = guard.retryAfter(client);
        if (wait.isPresent()) {
            return refuse(request, response, 429, "too many failed logins from this address; try again later",
                    wait.get());
        }
        Optional<UsernamePasswordCredential> credential = parse(header);
        if (credential.isPresent()) {
            CredentialValidationResult result = identityStores.validate(credential.get());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
        }
        guard.failed(client);
        LOG.info("HTTP login failed: client=[" + client + "] " + (credential.isEmpty() ? "malformed credentials"
                : "user=" + printable(credential.get().getCaller())));
        return refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "wrong or malformed credentials", null);
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
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                Problem.write(response, status, status == 429 ? "Too Many Requests" : "Unauthorized", detail,
                        retryAfter);
            } else {
                PlainText.write(response, status, detail, retryAfter);
            }
            response.flushBuffer();
        } catch (IOException e) {
            // the client is gone
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static String printable(String s) {
        String shown = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return shown.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
