package org.mxgate.autogateway;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.logging.Logger;
import org.mxgate.gateway.GatewayDeleted;

/**
 * Writes and reads the operator audit log (automatic gateways made, confirmed, expired, deleted;
 * quarantined mail released or deleted), in the caller's transaction. A session
 * bean, so that its persistence unit is found from any module of the EAR.
 */
@Stateless
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    @PersistenceContext(unitName = "mxgate")
    EntityManager em;

    @Inject
    Clock clock;

    public void record(String domain, AuditEvent.Action action, String client, String detail) {
        em.persist(new AuditEvent(LocalDateTime.now(clock), domain, action, client, detail));
        LOG.info("audit domain=" + domain + " action=" + action + " client=" + client + " (" + detail + ")");
    }

    /** An operator's deletion of an automatic gateway goes into the log too. */
    public void deleted(@Observes GatewayDeleted event) {
        if (event.automatic()) {
            record(event.domain(), AuditEvent.Action.DELETED, "api", event.storedMessages()
                    + " stored message(s) deleted with it");
        }
    }

    public List<AuditEvent> latest(String domain, int max) {
        return (domain == null ? em.createNamedQuery("AuditEvent.latest", AuditEvent.class)
                : em.createNamedQuery("AuditEvent.ofDomain", AuditEvent.class).setParameter("domain", domain))
                .setMaxResults(max).getResultList();
    }

    /** How many gateways mail from {@code client} has caused to be created since {@code since}. */
    public long createdFor(String client, LocalDateTime since) {
        return em.createNamedQuery("AuditEvent.countSince", Long.class).setParameter("action", AuditEvent.Action.CREATED)
                .setParameter("client", client).setParameter("since", since).getSingleResult();
    }
}
