package org.mxgate.queue;

import jakarta.ejb.EJB;
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
import org.mxgate.admin.AuditEvent;
import org.mxgate.admin.AuditLog;
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

    @EJB
    AuditLog audit;

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
        audit.operator(domain, AuditEvent.Action.FLUSHED, (waiting + underWay) + " message(s) due now");
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
        audit.operator(m.getGatewayDomain(), AuditEvent.Action.MAIL_RELEASED, about(m));
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
        audit.operator(m.getGatewayDomain(), AuditEvent.Action.MAIL_DELETED, m.getStatus() + " " + about(m));
        QueueService.remove(em, spool, m);
    }

    /**
     * Makes a waiting message (queued or deferred) due now, as an operator's "retry now"; a held
     * gateway's message stays held. Refused for a message that does not wait.
     */
    public QueuedMessage retry(String id) {
        QueuedMessage m = queue.get(id);
        if (m.getStatus() != QueueStatus.QUEUED && m.getStatus() != QueueStatus.DEFERRED) {
            throw ServiceException.conflict("message " + id + " does not wait for delivery (it is " + m.getStatus() + ")");
        }
        Gateway g = em.find(Gateway.class, m.getGatewayDomain());
        m.dueNow(LocalDateTime.now(clock), g == null || g.routing().mode() != org.mxgate.gateway.DeliveryMode.HOLD);
        audit.operator(m.getGatewayDomain(), AuditEvent.Action.MAIL_RETRIED, about(m));
        return m;
    }

    /** A message as the audit log names it. */
    static String about(QueuedMessage m) {
        return "message " + m.getId() + " from <" + m.getSender() + "> to " + m.getRecipients().size()
                + " recipient(s), " + m.getSize() + " bytes" + (m.quarantineReason() == null ? "" : ", held: " + m.quarantineReason());
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

    /** What one gateway keeps in one state: how many messages, their bytes, the oldest one's arrival. */
    public record Kept(long messages, long bytes, LocalDateTime oldest) {
    }

    /**
     * For each gateway with mail kept (not yet delivered or failed: queued, being delivered,
     * deferred, quarantined), what it keeps by state. One grouped query.
     */
    public Map<String, Map<QueueStatus, Kept>> keptByGateway() {
        Map<String, Map<QueueStatus, Kept>> kept = new java.util.HashMap<>();
        for (Object[] row : em.createNamedQuery("QueuedMessage.keptByGateway", Object[].class)
                .setParameter("kept", List.of(QueueStatus.QUEUED, QueueStatus.ACTIVE, QueueStatus.DEFERRED,
                        QueueStatus.QUARANTINED)).getResultList()) {
            kept.computeIfAbsent((String) row[0], d -> new java.util.EnumMap<>(QueueStatus.class)).put(
                    (QueueStatus) row[1], new Kept(((Number) row[2]).longValue(),
                            row[3] == null ? 0 : ((Number) row[3]).longValue(), (LocalDateTime) row[4]));
        }
        return kept;
    }

    /**
     * The waiting mail (queued, deferred, being delivered) by next hop and age: a gateway's mail
     * goes to its forward host, the domain of its forward address, its own domain's MX hosts, or
     * waits held ({@code (held) domain}, as do copies kept for collection); mail mxgate wrote
     * goes to its recipient's domain.
     */
    public QueueShape shape() {
        Map<String, String> hops = new java.util.HashMap<>();
        for (Gateway g : gateways.list()) {
            hops.put(g.getDomain(), nextHop(g));
        }
        List<QueueShape.Waiting> waiting = new java.util.ArrayList<>();
        for (Object[] row : em.createNamedQuery("QueuedMessage.waitingShape", Object[].class)
                .setParameter("stored", QueueService.STORED).getResultList()) {
            String domain = (String) row[0];
            MessageKind kind = (MessageKind) row[1];
            String hop = switch (kind) {
                case MAIL -> hops.getOrDefault(domain, domain);
                case COPY -> "(held) " + domain;
                default -> {
                    QueuedMessage m = em.find(QueuedMessage.class, (String) row[3]);
                    yield m == null || m.getRecipients().isEmpty() ? domain
                            : DeliveryJob.domainOf(m.getRecipients().get(0).getAddress());
                }
            };
            waiting.add(new QueueShape.Waiting(hop, (LocalDateTime) row[2]));
        }
        return QueueShape.of(waiting, LocalDateTime.now(clock));
    }

    private static String nextHop(Gateway g) {
        org.mxgate.gateway.Routing r = g.routing();
        return switch (r.mode()) {
            case FORWARD -> r.forwardHost() + (r.forwardPort() == null ? "" : ":" + r.forwardPort());
            case FORWARD_ADDRESS -> DeliveryJob.domainOf(r.forwardAddress());
            case HOLD -> "(held) " + g.getDomain();
            default -> g.getDomain();
        };
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
