package org.mxgate.verify;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mxgate.admin.AuditEvent;
import org.mxgate.admin.AuditLog;
import org.mxgate.admin.ServiceException;
import org.mxgate.gateway.GatewayDeleted;
import org.mxgate.gateway.GatewayService;

/**
 * The database side of verification: the gateways' address lists, and the answers of the sources,
 * which every instance sharing the database uses.
 */
@Stateless
public class VerificationStore {

    @EJB
    AuditLog audit;

    /** The most entries one gateway's list may have. */
    static final int MAX_ENTRIES = 100_000;

    @PersistenceContext(unitName = "mxgate")
    EntityManager em;

    @EJB
    GatewayService gateways;

    @Inject
    Clock clock;

    /** The entries of a gateway's address list, sorted. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> entries(String domain) {
        return em.createNamedQuery("ListedRecipient.ofDomain", String.class)
                .setParameter("domain", gateways.get(domain).getDomain()).getResultList();
    }

    /**
     * Replaces a gateway's address list by {@code lines} (one entry each; blank lines and
     * {@code #} comments are skipped), or adds them to it; returns the size of the list. A line
     * that is not an address or pattern in the gateway's domain is refused with its number.
     */
    public int store(String domain, List<String> lines, boolean replace) {
        String d = gateways.get(domain).getDomain();
        Set<String> entries = new LinkedHashSet<>(replace ? List.of() : entries(d));
        List<String> added = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int n = i + 1;
            String entry = AddressPatterns.normal(line, d).orElseThrow(() -> ServiceException.invalid("recipients",
                    "line " + n + ": '" + line + "' is not an address or pattern (like sales@" + d + ", *@" + d
                            + ") in " + d));
            if (entries.add(entry)) {
                added.add(entry);
            }
        }
        if (entries.size() > MAX_ENTRIES) {
            throw ServiceException.invalid("recipients", "a list has at most " + MAX_ENTRIES + " entries");
        }
        if (replace) {
            em.createNamedQuery("ListedRecipient.removeDomain").setParameter("domain", d).executeUpdate();
        }
        added.forEach(e -> em.persist(new ListedRecipient(e, d)));
        gateways.recipientListChanged(d);
        audit.operator(d, AuditEvent.Action.CHANGED, "recipient list " + (replace ? "replaced" : added.size() + " entries added")
                + ", " + entries.size() + " entries now");
        return entries.size();
    }

    /** Removes one entry of a gateway's list; false when it was not on it. */
    public boolean remove(String domain, String entry) {
        String d = gateways.get(domain).getDomain();
        Optional<ListedRecipient> listed = AddressPatterns.normal(entry, d)
                .map(e -> em.find(ListedRecipient.class, e));
        if (listed.isEmpty()) {
            return false;
        }
        em.remove(listed.get());
        gateways.recipientListChanged(d);
        audit.operator(d, AuditEvent.Action.CHANGED, "recipient list: " + listed.get().getEntry() + " removed");
        return true;
    }

    /** The last answer for an address (lower case), outside any transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<KnownRecipient> known(String address) {
        return Optional.ofNullable(em.find(KnownRecipient.class, address));
    }

    /** Records an answer for an address (lower case) in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public KnownRecipient remember(String address, String domain, boolean valid, String source,
            LocalDateTime freshUntil, LocalDateTime keepUntil) {
        LocalDateTime now = LocalDateTime.now(clock);
        KnownRecipient known = em.find(KnownRecipient.class, address);
        if (known == null) {
            known = new KnownRecipient(address, domain, valid, source, now, freshUntil, keepUntil);
            em.persist(known);
        } else {
            known.update(valid, source, now, freshUntil, keepUntil);
        }
        return known;
    }

    /** Forgets every answer for a gateway's addresses; returns how many. */
    public int forget(String domain) {
        String d = gateways.get(domain).getDomain();
        int forgotten = em.createNamedQuery("KnownRecipient.forgetDomain").setParameter("domain", d).executeUpdate();
        audit.operator(d, AuditEvent.Action.CHANGED, "forgot " + forgotten + " kept verification answer(s)");
        return forgotten;
    }

    /** A deleted gateway's list and answers go with it (in the deleting transaction). */
    public void deleted(@Observes GatewayDeleted event) {
        em.createNamedQuery("ListedRecipient.removeDomain").setParameter("domain", event.domain()).executeUpdate();
        em.createNamedQuery("KnownRecipient.forgetDomain").setParameter("domain", event.domain()).executeUpdate();
    }

    /** Forgets the answers past their keeping time; returns how many. */
    public int purge() {
        return em.createNamedQuery("KnownRecipient.purge").setParameter("now", LocalDateTime.now(clock))
                .executeUpdate();
    }
}
