package org.mxgate.admin;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.logging.Logger;

/**
 * Writes and reads the audit log, in the caller's transaction: what automatic gateways went
 * through, and every change an operator made through the API or the pages, with the operator's
 * name (the caller of the service that made the change). A session bean, so that its persistence
 * unit is found from any module of the EAR.
 */
@Stateless
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    /** The domain of entries that concern no one domain (settings, operators). */
    public static final String GLOBAL = "*";

    @PersistenceContext(unitName = "mxgate")
    EntityManager em;

    @Inject
    Clock clock;

    @Resource
    SessionContext session;

    public void record(String domain, AuditEvent.Action action, String client, String detail) {
        em.persist(new AuditEvent(LocalDateTime.now(clock), domain, action, client, detail));
        LOG.info("audit domain=" + domain + " action=" + action + " client=" + client + " (" + detail + ")");
    }

    /** A change the calling operator made to {@code domain}. */
    public void operator(String domain, AuditEvent.Action action, String detail) {
        record(domain, action, operatorName(), detail);
    }

    /** The name of the operator calling, as signed in ("system" when no one is: a timer). */
    public String operatorName() {
        Principal caller = session.getCallerPrincipal();
        String name = caller == null ? null : caller.getName();
        return name == null || name.isEmpty() || name.equalsIgnoreCase("ANONYMOUS") ? "system" : name;
    }

    /**
     * What a change asked for, for the log: the members of {@code spec} (a record) that it sets,
     * as {@code name=value}, passwords and secrets shown as {@code ***}.
     */
    public static String describe(Record spec) {
        StringBuilder s = new StringBuilder();
        for (java.lang.reflect.RecordComponent c : spec.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(spec);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (value == null) {
                continue;
            }
            String name = c.getName();
            String shown = name.toLowerCase(java.util.Locale.ROOT).matches(".*(password|secret).*") ? "***"
                    : String.valueOf(value);
            s.append(s.length() == 0 ? "" : ", ").append(name).append('=').append(shown);
        }
        return s.length() == 0 ? "nothing" : s.toString();
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
