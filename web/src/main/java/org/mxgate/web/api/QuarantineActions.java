package org.mxgate.web.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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
