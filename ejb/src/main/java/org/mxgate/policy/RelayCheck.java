package org.mxgate.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayDirectory;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;

/** The relay decision: mxgate takes mail only for domains it has a gateway for. */
@ApplicationScoped
public class RelayCheck implements MailCheck {

    @Inject
    GatewayDirectory gateways;

    @Override
    public int order() {
        return 300;
    }

    @Override
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        return decide(gateways.find(recipient.domainKey()));
    }

    static Verdict decide(Optional<Gateway> gateway) {
        return gateway.isPresent() ? Verdict.next() : Verdict.reject(SmtpReplies.RELAY_DENIED);
    }
}
