package org.mxgate.autogateway;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Predicate;
import org.mxgate.config.GatewaySettings;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;
import org.mxgate.policy.MailCheck;

/**
 * A reply to a confirmation message ({@code confirm+<token>@<hostname>}) is taken while its
 * token is pending, before the relay decision (mxgate has no gateway for its own name), and
 * refused with {@code 550 5.1.1} otherwise. Storing it confirms the gateway.
 */
@ApplicationScoped
public class ConfirmationReplyCheck implements MailCheck {

    @Inject
    GatewaySettings settings;

    @EJB
    AutoGatewayService autoGateways;

    @Override
    public int order() {
        return 50;
    }

    @Override
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        return decide(AutoGatewayService.confirmationToken(recipient, settings.hostname()),
                token -> autoGateways.pendingDomain(token).isPresent());
    }

    static Verdict decide(Optional<String> token, Predicate<String> pending) {
        if (token.isEmpty()) {
            return Verdict.next();
        }
        return pending.test(token.get()) ? Verdict.accept() : Verdict.reject(SmtpReplies.NO_SUCH_CONFIRMATION);
    }
}
