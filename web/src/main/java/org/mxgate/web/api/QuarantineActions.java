package org.mxgate.web.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.mxgate.admin.ServiceException;
import org.mxgate.mail.ReceivedMessage;
import org.mxgate.mail.Verdict;
import org.mxgate.policy.ContentCheck;
import org.mxgate.autogateway.AuditEvent;
import org.mxgate.autogateway.AuditLog;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueueStatus;
import org.mxgate.queue.QueuedMessage;

/**
 * An operator's release or deletion of quarantined mail and its audit entry, in one transaction:
 * neither happens without the other.
 */
@ApplicationScoped
public class QuarantineActions {

    @EJB
    QueueAdmin queueAdmin;

    @EJB
    AuditLog audit;

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

    /** Releases the quarantined message {@code id}; {@code 409} if it is not held. */
    @Transactional
    public QueuedMessage release(String id, String operator) {
        QueuedMessage m = queueAdmin.releaseFromQuarantine(id);
        audit.record(m.getGatewayDomain(), AuditEvent.Action.MAIL_RELEASED, operator, about(m));
        return m;
    }

    /** Deletes message {@code id}; a quarantined one's deletion is audited. */
    @Transactional
    public void delete(String id, String operator) {
        QueuedMessage m = queueAdmin.get(id);
        boolean held = m.getStatus() == QueueStatus.QUARANTINED;
        String what = about(m);
        queueAdmin.delete(id);
        if (held) {
            audit.record(m.getGatewayDomain(), AuditEvent.Action.MAIL_DELETED, operator, what);
        }
    }

    private static String about(QueuedMessage m) {
        return "message " + m.getId() + " from <" + m.getSender() + "> held for " + m.quarantineReason();
    }
}
