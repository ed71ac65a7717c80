package org.mxgate.web.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.mxgate.admin.ServiceException;
import org.mxgate.mail.ReceivedMessage;
import org.mxgate.mail.Verdict;
import org.mxgate.policy.ContentCheck;
import org.mxgate.delivery.QueueRunner;
import org.mxgate.queue.Conflicts;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueuedMessage;

/**
 * What an operator does to the queue, the same from the API and the pages: flush a gateway,
 * retry a message, release a quarantined one (after a re-scan if asked), each followed by a
 * queue run. The change and its audit entry are {@code QueueAdmin}'s, in one transaction.
 */
@ApplicationScoped
public class QueueActions {

    @EJB
    QueueAdmin queueAdmin;

    @EJB
    QueueRunner runner;

    /** Makes the gateway's waiting mail due now and starts a queue run; how many messages that covers. */
    public int flush(String domain) {
        // two instances flushing while each claims the same queue can deadlock in PostgreSQL: again
        int due = Conflicts.retried(() -> queueAdmin.flush(domain));
        runner.flush();
        return due;
    }

    /** Makes a waiting message due now and starts a queue run; {@code 409} for one that does not wait. */
    public QueuedMessage retry(String id) {
        QueuedMessage m = queueAdmin.retry(id);
        runner.flush();
        return m;
    }

    /**
     * Lets a quarantined message go, as the gateway's other mail, after asking the scanners again
     * if {@code rescan}; {@code 409} for one not held, or one the scanners still find.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public QueuedMessage release(String id, boolean rescan) {
        if (rescan) {
            rescan(id);
        }
        QueuedMessage m = queueAdmin.releaseFromQuarantine(id);
        runner.kick();
        return m;
    }

    @Inject
    ContentCheck content;

    /**
     * Asks the scanners again about held message {@code id} (outside any transaction: a scan
     * takes its time); {@code 409} when they still find it, or cannot scan it, saying why.
     */
    private void rescan(String id) {
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
