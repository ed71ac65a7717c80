package org.mxgate.verify;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayDirectory;
import org.mxgate.gateway.RecipientVerification;
import org.mxgate.gateway.VerificationMethod;
import org.mxgate.gateway.WhenUnverifiable;
import org.mxgate.limit.ExpiringMap;
import org.mxgate.mail.EmailAddress;

/**
 * Decides whether a recipient in a gateway's domain exists, before mxgate answers RCPT. A list is
 * read from the database when its version changes; an LDAP or callout answer is kept in the
 * database (valid ones for the gateway's {@code validFor}, unknown ones for {@code unknownFor})
 * and, for at most {@link #REMEMBERED} or until it goes stale, in memory, so a warm cache costs
 * no query. When the source cannot be asked the gateway's {@link WhenUnverifiable} rule decides;
 * by default a recipient known valid before (stale or not) is taken and any other deferred.
 * Postmaster at the gateway's domain is always taken (RFC 5321 §4.5.1).
 */
@ApplicationScoped
public class RecipientVerifier {

    private static final Logger LOG = Logger.getLogger(RecipientVerifier.class.getName());

    /** How long an answer read from the database is used from memory (another instance may change it). */
    static final Duration REMEMBERED = Duration.ofMinutes(1);

    /** How long a valid answer past its freshness is kept for the outage rule, beyond {@code validFor}. */
    static final Duration KEPT_FOR_OUTAGES = Duration.ofDays(90);

    /** How long a source that could not be asked is left alone, so that each RCPT does not wait for its timeout. */
    static final Duration RESTING = Duration.ofSeconds(10);

    /** The most answers kept in memory. */
    static final int MAX_REMEMBERED = 100_000;

    /** An answer as this instance holds it (for {@link #REMEMBERED}): valid or not, and until when it is fresh. */
    record Known(boolean valid, LocalDateTime freshUntil) {
    }

    private record List(long version, AddressPatterns patterns) {
    }

    @EJB
    VerificationStore store;

    @Inject
    GatewayDirectory gateways;

    @Inject
    Instance<RecipientProbe> probes;

    @Inject
    Clock clock;

    private final ExpiringMap<String, Known> remembered = new ExpiringMap<>(MAX_REMEMBERED, System::nanoTime);
    private final Map<String, List> lists = new ConcurrentHashMap<>();
    /** Gateways whose source could not be asked lately, with when to ask it again. */
    private final Map<String, LocalDateTime> resting = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        if (probes.isUnsatisfied()) {
            LOG.warning("no SMTP callout is available: CALLOUT verification treats every next hop as unreachable");
        }
    }

    /** What verification says of {@code recipient}, in {@code gateway}'s domain. */
    public Decision verify(Gateway gateway, EmailAddress recipient) {
        RecipientVerification v = gateway.verification();
        if (!v.isOn() || recipient.localPart().equalsIgnoreCase("postmaster")) {
            return Decision.ACCEPT;
        }
        String address = key(recipient);
        if (v.method() == VerificationMethod.LIST) {
            return list(gateway).matches(address) ? Decision.ACCEPT : Decision.UNKNOWN;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        Known known = known(address);
        if (known != null && known.freshUntil().isAfter(now)) {
            return known.valid() ? Decision.ACCEPT : Decision.UNKNOWN;
        }
        LocalDateTime rest = resting.get(gateway.getDomain());
        Answer answer = rest != null && rest.isAfter(now) ? Answer.UNAVAILABLE : ask(gateway, address);
        if (answer != Answer.UNAVAILABLE) {
            resting.remove(gateway.getDomain());
            remember(gateway, address, answer == Answer.VALID, v.method().name(), now);
        } else if (rest == null || !rest.isAfter(now)) {
            resting.put(gateway.getDomain(), now.plus(RESTING));
        }
        return decide(answer, known != null && known.valid(), v.whenUnverifiable());
    }

    /**
     * The decision on a fresh answer from the source; when there is none ({@link Answer#UNAVAILABLE}),
     * the gateway's rule, which for {@link WhenUnverifiable#KNOWN} takes an address known valid before.
     */
    static Decision decide(Answer answer, boolean knownValidBefore, WhenUnverifiable rule) {
        return switch (answer) {
            case VALID -> Decision.ACCEPT;
            case UNKNOWN -> Decision.UNKNOWN;
            case UNAVAILABLE -> switch (rule) {
                case ACCEPT -> Decision.ACCEPT;
                case DEFER -> Decision.DEFER;
                case KNOWN -> knownValidBefore ? Decision.ACCEPT : Decision.DEFER;
            };
        };
    }

    /**
     * What the next hop said of a recipient at delivery: delivered to, it is valid; refused as
     * unknown (5.1.1), it is unknown, so the next message to it is refused at RCPT. Only for
     * gateways that verify by LDAP or callout, and written only when it changes what is known.
     */
    public void delivered(String gatewayDomain, String recipient, boolean accepted) {
        Optional<Gateway> gateway = gateways.find(gatewayDomain);
        if (gateway.isEmpty() || !gateway.get().verification().isOn()
                || gateway.get().verification().method() == VerificationMethod.LIST) {
            return;
        }
        String address = recipient.toLowerCase(Locale.ROOT);
        if (!address.endsWith("@" + gateway.get().getDomain())) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        Known known = known(address);
        if (known != null && known.valid() == accepted && known.freshUntil().isAfter(now)) {
            return;
        }
        remember(gateway.get(), address, accepted, "DELIVERY", now);
    }

    /** Forgets what this instance holds in memory of a gateway's addresses (the database's go with it). */
    public void forget(String domain) {
        String suffix = "@" + domain.toLowerCase(Locale.ROOT);
        remembered.removeIf(a -> a.endsWith(suffix));
    }

    private AddressPatterns list(Gateway gateway) {
        long version = gateway.verification().listVersion();
        List list = lists.get(gateway.getDomain());
        if (list == null || list.version() != version) {
            list = new List(version, AddressPatterns.of(store.entries(gateway.getDomain())));
            lists.put(gateway.getDomain(), list);
        }
        return list.patterns();
    }

    private Known known(String address) {
        Optional<Known> remembers = remembered.get(address);
        if (remembers.isPresent()) {
            return remembers.get();
        }
        Known known = store.known(address).map(k -> new Known(k.valid(), k.freshUntil())).orElse(null);
        if (known != null) {
            remembered.put(address, known, REMEMBERED);
        }
        return known;
    }

    private Answer ask(Gateway gateway, String address) {
        RecipientVerification v = gateway.verification();
        try {
            if (v.method() == VerificationMethod.LDAP) {
                return LdapSearch.search(v, address, v.timeout());
            }
            return probes.isUnsatisfied() ? Answer.UNAVAILABLE : probes.get().probe(gateway, address, v.timeout());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "verification of " + address + " failed: " + e, e);
            return Answer.UNAVAILABLE;
        }
    }

    private void remember(Gateway gateway, String address, boolean valid, String source, LocalDateTime now) {
        RecipientVerification v = gateway.verification();
        LocalDateTime freshUntil = now.plus(valid ? v.validFor() : v.unknownFor());
        LocalDateTime keepUntil = valid ? freshUntil.plus(KEPT_FOR_OUTAGES) : freshUntil;
        try {
            store.remember(address, gateway.getDomain(), valid, source, freshUntil, keepUntil);
        } catch (RuntimeException e) {
            // two sessions asking at once both write the new answer; one of them loses, which is fine
            LOG.log(Level.FINE, "answer for " + address + " not stored: " + e, e);
        }
        remembered.put(address, new Known(valid, freshUntil), REMEMBERED);
    }

    private static String key(EmailAddress recipient) {
        return recipient.localPart().toLowerCase(Locale.ROOT) + "@" + recipient.domainKey();
    }
}
