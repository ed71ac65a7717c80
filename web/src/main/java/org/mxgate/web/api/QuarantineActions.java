package org.mxgate.web.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.mxgate.admin.ServiceException;
import org.mxgate.mail.ReceivedMessage;
import org.mxgate.mail.Verdict;
import org.mxgate.policy.ContentCheck;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueuedMessage;

/**
 * The re-scan of quarantined mail before an operator releases it (the release and its audit
 * entry are {@code QueueAdmin}'s, in one transaction).
 */
@ApplicationScoped
public class QuarantineActions {

    @EJB
    QueueAdmin queueAdmin;

    @Inject
    ContentCheck content;

    /**
     * Asks the scanners again about held message {@code id} (outside any transaction: a scan
     * takes its time); {@code 409} when they still find it, or cannot scan it, saying why.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void rescan(String id) {
        QueuedMessage stored = queueAdmin.get(id);
        byte[] bytes = queueAdmin.content(id).orElseThrow(() -> ServiceException.notFound(
                "message " + id + " has no stored content"));
        Verdict v = content.rescan(stored.getGatewayDomain(), new ReceivedMessage(bytes));
        if (v.refuses() || v.quarantine() != null) {
            throw ServiceException.conflict("message " + id + " stays in the quarantine: the re-scan says "
                    + (v.quarantine() != null ? v.quarantine() : v.reply().text()));
        }
    }
}
