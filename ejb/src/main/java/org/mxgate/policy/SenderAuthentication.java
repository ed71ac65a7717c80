package org.mxgate.policy;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mxgate.config.GatewaySettings;
import org.mxgate.dns.AddressRanges;
import org.mxgate.gateway.GatewayDirectory;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;

/**
 * "Senders must authenticate" (per gateway): mail whose envelope sender is in the domain of a
 * gateway that asks it needs a session logged in by AUTH, or a client in a trusted network;
 * any other gets {@code 530 5.7.0} at MAIL, so nobody outside can send as the domain's users
 * through its own backup MX. Asked by the MAIL command, which knows whether the session logged in.
 */
@ApplicationScoped
public class SenderAuthentication {

    @Inject
    GatewayDirectory gateways;

    @Inject
    GatewaySettings settings;

    private AddressRanges trusted;

    @PostConstruct
    void start() {
        trusted = settings.trustedNetworks();
    }

    /** The verdict on {@code sender} (null for {@code <>}) from {@code client}, logged in as {@code authenticated} (or null). */
    public Verdict mail(String client, EmailAddress sender, String authenticated) {
        if (sender == null || authenticated != null
                || !gateways.find(sender.domainKey()).map(g -> g.senders().sendersMustAuthenticate()).orElse(false)) {
            return Verdict.accept();
        }
        return trusted.containsClient(client) ? Verdict.accept() : Verdict.reject(SmtpReplies.AUTH_REQUIRED);
    }
}
