package org.mxgate.queue;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mxgate.admin.ServiceException;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayService;
import org.mxgate.mail.MessageBytes;

/**
 * The queue's operator face (James's browse, flush, remove, size): a gateway's mail and its
 * history, flushing it, deleting messages or a gateway with its mail, the counts, the health of
 * its next hop. {@link QueueService} is the processing face (store, claim, record outcomes).
 */
@Stateless
public class QueueAdmin {

    /** How many of a gateway's latest attempts its health looks at. */
    private static final int HEALTH_WINDOW = 500;

    @Inject
    Spool spool;

    @PersistenceContext(unitName = "mxgate")
    EntityManager em;

    @Inject
    QueueService queue;

    @Inject
    GatewayService gateways;

    @Inject
    Clock clock;

    /** One message, for an operator; 404 when it is not (or no longer) stored. */
    public QueuedMessage get(String id) {
        return queue.get(id);
    }

    /** The stored bytes of a message, while it has them. */
    public Optional<byte[]> content(String id) {
        return queue.content(id).map(MessageBytes::toArray);
    }

    /**
     * Deletes a gateway. One that still stores mail is kept ({@code 409}) unless {@code purge} is
     * set, in which case its stored mail is deleted with it.
     */
    public void deleteGateway(String domain, boolean purge) {
        Gateway gateway = gateways.get(domain);
        long stored = countStored(gateway.getDomain());
        if (stored > 0 && !purge) {
            throw ServiceException.conflict(gateway.getDomain() + " still stores " + stored
                    + " message(s); deliver or delete them first, or delete with purge=true");
        }
        deleteAll(gateway.getDomain());
        gateways.delete(gateway.getDomain(), stored);
    }

    /** Deletes an automatic gateway that was not confirmed in time, with all its mail; returns how many messages went. */
    public long deleteUnconfirmed(String domain) {
        long messages = deleteAll(domain);
        gateways.removeUnconfirmed(domain);
        return messages;
    }

    /**
     * Makes every waiting message of a gateway due now, past its delivery schedule (a HOLD
     * gateway's mail stays held: a flush is not a domain server's release), and every message
     * being delivered due again as soon as its attempt ends, should that attempt defer it.
     * Returns how many messages the flush covers.
     */
    public int flush(String domain) {
        Gateway g = em.find(Gateway.class, domain);
        boolean held = g != null && g.routing().mode() == org.mxgate.gateway.DeliveryMode.HOLD;
        int waiting = em.createNamedQuery(held ? "QueuedMessage.flush" : "QueuedMessage.flushPastSchedule")
                .setParameter("now", LocalDateTime.now(clock))
                .setParameter("domain", domain).setParameter("waiting", QueueService.WAITING).executeUpdate();
        int underWay = em.createNamedQuery("QueuedMessage.flushActive").setParameter("domain", domain)
                .setParameter("active", QueueStatus.ACTIVE).executeUpdate();
        return waiting + underWay;
    }

    public List<QueuedMessage> listByGateway(String domain, int first, int max) {
        return em.createNamedQuery("QueuedMessage.ofGateway", QueuedMessage.class).setParameter("domain", domain)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** The gateway's quarantined messages, oldest first. */
    public List<QueuedMessage> quarantined(String domain, int first, int max) {
        return em.createNamedQuery("QueuedMessage.inStatus", QueuedMessage.class).setParameter("domain", domain)
                .setParameter("status", QueueStatus.QUARANTINED).setFirstResult(first).setMaxResults(max).getResultList();
    }

    /**
     * Lets a quarantined message go: it waits as newly received mail does (a HOLD gateway holds
     * it) and is due now. Refused for a message that is not in the quarantine.
     */
    public QueuedMessage releaseFromQuarantine(String id) {
        QueuedMessage m = queue.get(id);
        if (m.getStatus() != QueueStatus.QUARANTINED) {
            throw ServiceException.conflict("message " + id + " is not in the quarantine (it is " + m.getStatus() + ")");
        }
        m.releaseFromQuarantine(LocalDateTime.now(clock));
        return m;
    }

    public List<DeliveryAttempt> attempts(String id) {
        return em.createNamedQuery("DeliveryAttempt.ofMessage", DeliveryAttempt.class).setParameter("id", id)
                .getResultList();
    }

    /** Deletes a message, its bytes and its history. A message being delivered right now is refused. */
    public void delete(String id) {
        QueuedMessage m = queue.get(id);
        if (m.getStatus() == QueueStatus.ACTIVE) {
            throw ServiceException.conflict("message " + id + " is being delivered; try again in a moment");
        }
        QueueService.remove(em, spool, m);
    }

    /** Deletes all mail of a gateway; returns how many messages went. */
    public int deleteAll(String domain) {
        List<String> ids = em.createNamedQuery("QueuedMessage.idsOfGateway", String.class)
                .setParameter("domain", domain).getResultList();
        for (String id : ids) {
            QueueService.remove(em, spool, em.find(QueuedMessage.class, id));
        }
        return ids.size();
    }

    /** Messages a gateway still stores (waiting or being delivered). */
    public long countStored(String domain) {
        return em.createNamedQuery("QueuedMessage.countStored", Long.class).setParameter("domain", domain)
                .setParameter("stored", QueueService.STORED).getSingleResult();
    }

    /** Message counts per gateway domain and status. */
    public Map<String, Map<QueueStatus, Long>> countsByGateway() {
        Map<String, Map<QueueStatus, Long>> counts = new LinkedHashMap<>();
        for (Object[] row : em.createNamedQuery("QueuedMessage.countsByGateway", Object[].class).getResultList()) {
            counts.computeIfAbsent((String) row[0], d -> new LinkedHashMap<>())
                    .put((QueueStatus) row[1], ((Number) row[2]).longValue());
        }
        return counts;
    }

    /** The state of a gateway's next hop and its backlog (see {@link PrimaryHealth}). */
    public PrimaryHealth health(String domain) {
        Object[] b = em.createNamedQuery("QueuedMessage.backlog", Object[].class).setParameter("domain", domain)
                .setParameter("stored", QueueService.STORED).getSingleResult();
        long messages = ((Number) b[0]).longValue();
        long bytes = b[1] == null ? 0 : ((Number) b[1]).longValue();
        LocalDateTime oldest = (LocalDateTime) b[2];
        List<DeliveryAttempt> latest = em.createNamedQuery("DeliveryAttempt.latestOfGateway", DeliveryAttempt.class)
                .setParameter("domain", domain).setMaxResults(HEALTH_WINDOW).getResultList();
        if (latest.isEmpty()) {
            return new PrimaryHealth(PrimaryHealth.State.UNKNOWN, null, null, messages, bytes, oldest);
        }
        PrimaryHealth.State state = stateOf(latest.get(0));
        LocalDateTime since = latest.get(0).getAttemptedAt();
        for (DeliveryAttempt a : latest) {
            if (stateOf(a) != state) {
                break;
            }
            since = a.getAttemptedAt();
        }
        String lastError = latest.stream().filter(a -> stateOf(a) == PrimaryHealth.State.DOWN).findFirst()
                .map(DeliveryAttempt::getReply).orElse(null);
        return new PrimaryHealth(state, since, lastError, messages, bytes, oldest);
    }

    private static PrimaryHealth.State stateOf(DeliveryAttempt a) {
        return a.getOutcome() == AttemptOutcome.DEFERRED ? PrimaryHealth.State.DOWN : PrimaryHealth.State.UP;
    }

    /** Message counts of one gateway by status. */
    public Map<QueueStatus, Long> countsOf(String domain) {
        Map<QueueStatus, Long> counts = new LinkedHashMap<>();
        for (Object[] row : em.createNamedQuery("QueuedMessage.countsOfGateway", Object[].class)
                .setParameter("domain", domain).getResultList()) {
            counts.put((QueueStatus) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

}
