package org.mxgate.policy;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayDirectory;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;
import org.mxgate.queue.QueueService;
import org.mxgate.queue.Usage;

/**
 * A gateway with a quota ({@code maxMessages}, {@code maxBytes} stored and not yet delivered)
 * that is full answers {@code 452 4.2.2}: senders retry later, nothing is accepted only to bounce.
 */
@ApplicationScoped
public class QuotaCheck implements MailCheck {

    @Inject
    GatewayDirectory gateways;

    @EJB
    QueueService queue;

    @Override
    public int order() {
        return 500;
    }

    @Override
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        return gateways.find(recipient.domainKey()).map(g -> decide(g, () -> queue.usage(g.getDomain())))
                .orElse(Verdict.next());
    }

    /** {@code usage} is asked only for a gateway with a quota. */
    static Verdict decide(Gateway gateway, Supplier<Usage> usage) {
        if (!gateway.limits().hasQuota()) {
            return Verdict.next();
        }
        Usage u = usage.get();
        return gateway.limits().isOverQuota(u.messages(), u.bytes()) ? Verdict.defer(SmtpReplies.OVER_QUOTA) : Verdict.next();
    }
}
