package org.mxgate.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mxgate.gateway.GatewayDirectory;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;
import org.mxgate.verify.RecipientVerifier;

/**
 * Recipient verification: a recipient its gateway's source does not know is refused at RCPT
 * ({@code 550 5.1.1}), so that nothing is taken only to bounce later; one that cannot be verified
 * now is deferred ({@code 451 4.4.3}) as the gateway's rule says. Runs after the relay and state
 * checks, so only recipients mxgate would otherwise take are looked up.
 */
@ApplicationScoped
public class RecipientCheck implements MailCheck {

    @Inject
    GatewayDirectory gateways;

    @Inject
    RecipientVerifier verifier;

    @Override
    public int order() {
        return 450;
    }

    @Override
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        return gateways.find(recipient.domainKey()).map(g -> switch (verifier.verify(g, recipient)) {
            case ACCEPT -> Verdict.next();
            case UNKNOWN -> Verdict.reject(SmtpReplies.USER_UNKNOWN);
            case DEFER -> Verdict.defer(SmtpReplies.CANNOT_VERIFY);
        }).orElse(Verdict.next());
    }
}
