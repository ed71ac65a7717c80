package org.mxgate.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mxgate.gateway.AutoState;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayDirectory;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;

/**
 * A gateway takes mail only while it is enabled ({@code 450 4.7.1} otherwise: the sender tries
 * again) and, for an automatic one, while its DNS still names mxgate ({@code 550 5.7.1}).
 */
@ApplicationScoped
public class GatewayStateCheck implements MailCheck {

    @Inject
    GatewayDirectory gateways;

    @Override
    public int order() {
        return 400;
    }

    @Override
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        return gateways.find(recipient.domainKey()).map(GatewayStateCheck::decide).orElse(Verdict.next());
    }

    static Verdict decide(Gateway gateway) {
        if (gateway.getAutoState() == AutoState.DELISTED) {
            return Verdict.reject(SmtpReplies.NO_LONGER_MX);
        }
        return gateway.isEnabled() ? Verdict.next() : Verdict.defer(SmtpReplies.GATEWAY_DISABLED);
    }
}
