package org.mxgate.policy;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mxgate.config.GatewaySettings;
import org.mxgate.dns.AddressRanges;
import org.mxgate.dns.Spf;
import org.mxgate.gateway.GatewayDirectory;
import org.mxgate.limit.ExpiringMap;
import org.mxgate.mail.AuthenticationResults;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Envelope;
import org.mxgate.mail.ReceivedMessage;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;

/**
 * SPF (RFC 7208) of each sender, asked at MAIL (for the null sender, of the HELO name): at RCPT a
 * gateway that refuses SPF {@code fail} answers {@code 550 5.7.23}; every message taken gets
 * the result as {@code Received-SPF:} and in an {@code Authentication-Results:} field under
 * mxgate's host name, so the servers behind it can trust it (forged fields under that name are
 * removed by the DATA command). Trusted networks are not checked. {@code MXGATE_SPF=false} turns
 * it off.
 */
@ApplicationScoped
public class SpfCheck implements MailCheck {

    /** How long a result is kept for the RCPTs and the DATA of the transaction it was asked for. */
    static final Duration KEPT = Duration.ofMinutes(15);
    static final int MAX_KEPT = 50_000;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayDirectory gateways;

    private boolean on;
    private Spf spf;
    private AddressRanges trusted;
    private String authservId;
    private final ExpiringMap<String, Spf.Result> results = new ExpiringMap<>(MAX_KEPT, System::nanoTime);

    @PostConstruct
    void start() {
        on = settings.spf();
        spf = new Spf(settings.dnsServers(), Duration.ofSeconds(5));
        trusted = settings.trustedNetworks();
        authservId = settings.hostname();
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Verdict mail(String client, String heloName, EmailAddress sender) {
        if (checked(client)) {
            result(client, sender, heloName);
        }
        return Verdict.next();
    }

    @Override
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        if (!checked(client)) {
            return Verdict.next();
        }
        Spf.Result kept = results.get(key(client, sender)).orElse(null);
        if (kept == null || !kept.result().equals("fail")) {
            return Verdict.next();
        }
        boolean refuses = gateways.find(recipient.domainKey()).map(g -> g.senders().refusesSpfFail()).orElse(false);
        return refuses ? Verdict.reject(SmtpReplies.spfFail(kept.explanation())) : Verdict.next();
    }

    @Override
    public Verdict data(Envelope envelope, ReceivedMessage message) {
        if (!checked(envelope.clientAddress())) {
            return Verdict.next();
        }
        Spf.Result r = result(envelope.clientAddress(), envelope.sender(), envelope.heloName());
        String property = envelope.sender() != null ? "smtp.mailfrom=" + envelope.sender()
                : "smtp.helo=" + envelope.heloName();
        return Verdict.nextWith(List.of("Received-SPF: " + r.receivedSpf(),
                AuthenticationResults.field(authservId, "spf", r.result(), property)));
    }

    private boolean checked(String client) {
        return on && !trusted.containsClient(client);
    }

    /** The result for this client and sender, asked now unless it was lately. */
    private Spf.Result result(String client, EmailAddress sender, String helo) {
        String key = key(client, sender);
        Optional<Spf.Result> kept = results.get(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        Spf.Result r = spf.check(client, sender == null ? "" : sender.toString(), helo == null ? "" : helo);
        results.put(key, r, KEPT);
        return r;
    }

    private static String key(String client, EmailAddress sender) {
        return client + " " + (sender == null ? "" : sender.toString().toLowerCase(Locale.ROOT));
    }
}
