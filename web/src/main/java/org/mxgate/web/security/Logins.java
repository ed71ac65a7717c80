package org.mxgate.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.mxgate.limit.LoginGuard;

/**
 * Every login, by HTTP Basic (API) or the sign-in form (pages), through one throttle per client
 * address: after 3 failures within 15 minutes each further try waits twice as long as the one
 * before, after 10 the address is refused until its failures are 15 minutes old (no password is
 * checked meanwhile).
 */
@ApplicationScoped
public class Logins {

    private static final Logger LOG = Logger.getLogger(Logins.class.getName());

    /** What a login came to: the operator, a refusal, or how long the address must wait first. */
    public record Attempt(SignedIn operator, Duration retryAfter) {

        public boolean succeeded() {
            return operator != null;
        }
    }

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    Clock clock;

    private LoginGuard guard;

    @PostConstruct
    void init() {
        guard = new LoginGuard(3, 10, Duration.ofMinutes(15), clock);
    }

    /** How long {@code client} must wait before its next login, if it must. */
    public Optional<Duration> retryAfter(String client) {
        return guard.retryAfter(client);
    }

    /** Checks {@code credential} (empty: malformed, a failure all the same) from {@code client}. */
    public Attempt attempt(String client, Optional<UsernamePasswordCredential> credential) {
        Optional<Duration> wait = guard.retryAfter(client);
        if (wait.isPresent()) {
            return new Attempt(null, wait.get());
        }
        if (credential.isPresent()) {
            CredentialValidationResult result = identityStores.validate(credential.get());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return new Attempt(new SignedIn(result.getCallerPrincipal().getName(), result.getCallerGroups()), null);
            }
        }
        guard.failed(client);
        LOG.info("login failed: client=[" + client + "] " + (credential.isEmpty() ? "malformed credentials"
                : "user=" + printable(credential.get().getCaller())));
        return new Attempt(null, null);
    }

    private static String printable(String s) {
        String shown = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return shown.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
