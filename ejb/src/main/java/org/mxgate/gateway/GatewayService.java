package org.mxgate.gateway;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mxgate.admin.AuditEvent;
import org.mxgate.admin.AuditLog;
import org.mxgate.admin.ServiceException;
import org.mxgate.mail.MailboxParser;

/**
 * Creates, changes, finds and removes gateways. The settings check themselves: {@link Routing},
 * {@link Limits}, {@link CollectionAccess} and {@link RecipientVerification} each take a change and name the field at fault.
 */
@Stateless
public class GatewayService {

    @PersistenceContext(unitName = "mxgate")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<GatewayDeleted> deleted;

    @jakarta.ejb.EJB
    AuditLog audit;

    /** The gateway for a domain (any case), if there is one. */
    public Optional<Gateway> find(String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(Gateway.class, domain.toLowerCase(Locale.ROOT)));
    }

    /**
     * The gateway for a domain (lower case) as committed, outside any transaction: a copy no
     * persistence context manages, to be read (by the {@link GatewayDirectory}) and not changed.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Gateway> read(String domain) {
        return find(domain);
    }

    public Gateway get(String domain) {
        return find(domain).orElseThrow(() -> ServiceException.notFound("no gateway for domain " + domain));
    }

    public List<Gateway> list() {
        return em.createNamedQuery("Gateway.all", Gateway.class).getResultList();
    }

    /** The gateways whose held mail goes out when one of their domain servers sends mail (usually none). */
    /** A gateway as a list of thousands shows it: one row of one query, no settings. */
    public record Summary(String domain, DeliveryMode mode, String forwardHost, Integer forwardPort,
            String forwardAddress, boolean enabled, AutoState autoState) {

        /** Where its mail goes, in words. */
        public String target() {
            return switch (mode) {
                case MX -> "MX hosts above this one";
                case FORWARD_ADDRESS -> forwardAddress;
                case HOLD -> "held for collection";
                default -> forwardHost + (forwardPort == null ? "" : ":" + forwardPort);
            };
        }
    }

    /** Every gateway, briefly (one query, whatever the number of gateways). */
    public List<Summary> summaries() {
        return em.createNamedQuery("Gateway.summaries", Object[].class).getResultList().stream()
                .map(r -> new Summary((String) r[0], (DeliveryMode) r[1], (String) r[2], (Integer) r[3], (String) r[4],
                        (Boolean) r[5], (AutoState) r[6])).toList();
    }

    /** The domains of all gateways. */
    public List<String> domains() {
        return em.createNamedQuery("Gateway.domains", String.class).getResultList();
    }

    public List<Gateway> releasingOnContact() {
        return em.createNamedQuery("Gateway.releasingOnContact", Gateway.class).setParameter("on", true).getResultList();
    }

    public Gateway create(GatewaySpec spec) {
        String domain = checkDomain(spec.domain());
        if (em.find(Gateway.class, domain) != null) {
            throw ServiceException.conflict("a gateway for " + domain + " already exists");
        }
        Gateway gateway = new Gateway(domain, LocalDateTime.now(clock));
        gateway.change(spec);
        em.persist(gateway);
        audit.operator(domain, AuditEvent.Action.CREATED, "by an operator: " + AuditLog.describe(spec));
        return gateway;
    }

    public Gateway update(String domain, GatewaySpec spec) {
        Gateway gateway = get(domain);
        if (spec.domain() != null && !spec.domain().equalsIgnoreCase(gateway.getDomain())) {
            throw ServiceException.invalid("domain", "the domain of a gateway cannot be changed");
        }
        gateway.change(spec);
        audit.operator(gateway.getDomain(), AuditEvent.Action.CHANGED, AuditLog.describe(spec));
        return gateway;
    }

    /**
     * Removes a gateway an operator deleted, once its mail is dealt with (by the queue's operator
     * face, which knows the mail): {@code storedMessages} went with it.
     */
    public void delete(String domain, long storedMessages) {
        Gateway gateway = get(domain);
        em.remove(gateway);
        deleted.fire(new GatewayDeleted(gateway.getDomain(), gateway.isAutomatic(), storedMessages));
        audit.operator(gateway.getDomain(), AuditEvent.Action.DELETED, (gateway.isAutomatic() ? "automatic gateway; " : "")
                + storedMessages + " stored message(s) deleted with it");
    }

    /**
     * Creates a gateway for {@code domain} because its DNS names mxgate as a backup MX host: a
     * copy of the template gateway's settings (mode MX when there is none, or the template is
     * gone), enabled, and pending until {@code confirmBy} when that is set. Unless
     * {@code deliverToHigherMx}, it holds its mail whatever the template says.
     */
    public Gateway createAutomatic(String domain, String templateDomain, boolean deliverToHigherMx, String client,
            String mxRecords, LocalDateTime confirmBy, String confirmTokenHash) {
        Gateway gateway = new Gateway(domain, LocalDateTime.now(clock));
        Gateway template = templateDomain == null ? null : em.find(Gateway.class, templateDomain);
        if (template != null) {
            gateway.configure(template.routing().copy(), template.limits().copy(), true);
            gateway.schedule(template.schedule().copy());
            gateway.senders(template.senders().copy());
            gateway.content(template.content().copy());
            // a list names one domain's addresses: the template's would refuse every recipient here
            if (template.verification().method() != VerificationMethod.LIST) {
                gateway.verification(template.verification().copy());
            }
        } else {
            gateway.configure(Routing.byMx(), Limits.none(), true);
        }
        if (!deliverToHigherMx) {
            gateway.configure(gateway.routing().asHeld(), gateway.limits(), true);
        }
        gateway.creation(AutoCreation.created(client, mxRecords, confirmBy, confirmTokenHash));
        em.persist(gateway);
        em.flush();
        return gateway;
    }

    /** The pending automatic gateway whose confirmation token has this hash, if any. */
    public Optional<Gateway> pendingByTokenHash(String hash) {
        return em.createNamedQuery("Gateway.pendingByToken", Gateway.class).setParameter("hash", hash)
                .getResultStream().findFirst();
    }

    /** Confirms a pending automatic gateway; false when it is not pending. */
    public boolean confirm(String domain) {
        Gateway gateway = get(domain);
        if (!gateway.isPending()) {
            return false;
        }
        gateway.creation(gateway.creation().orElseThrow().confirmed());
        return true;
    }

    /**
     * Notes that the gateway's quota warning went out now; true only for the one caller that
     * noted it (sessions and instances storing at once race for it).
     */
    public boolean markQuotaWarned(String domain) {
        return em.createNamedQuery("Gateway.quotaWarned").setParameter("at", LocalDateTime.now(clock))
                .setParameter("domain", domain).executeUpdate() == 1;
    }

    /** The stored mail dropped below the warning level: the next rise warns again. */
    public void clearQuotaWarning(String domain) {
        em.createNamedQuery("Gateway.quotaWarningOver").setParameter("domain", domain).executeUpdate();
    }

    /** Pending automatic gateways whose time to be confirmed has run out. */
    public List<Gateway> expired() {
        return em.createNamedQuery("Gateway.expired", Gateway.class).setParameter("now", LocalDateTime.now(clock))
                .getResultList();
    }

    /** Removes an automatic gateway that was not confirmed in time (its mail is gone already). */
    public void removeUnconfirmed(String domain) {
        em.remove(get(domain));
    }

    /** Automatic gateways that are confirmed or delisted (those whose DNS listing is re-checked). */
    public List<Gateway> settledAutomatic() {
        return em.createNamedQuery("Gateway.automatic", Gateway.class)
                .setParameter("states", List.of(AutoState.CONFIRMED, AutoState.DELISTED)).getResultList();
    }

    /** Records whether the domain's DNS still names mxgate; returns the state afterwards. */
    public AutoState listed(String domain, boolean listed, String mxRecords) {
        Gateway gateway = get(domain);
        gateway.creation(gateway.creation().orElseThrow(() -> ServiceException.invalid("domain",
                domain + " is not an automatic gateway")).listed(listed, mxRecords));
        return gateway.getAutoState();
    }

    /** Sets how the domain's servers may collect the gateway's mail (ETRN, ATRN, POP3). */
    public Gateway updateCollection(String domain, CollectionSpec spec) {
        Gateway gateway = get(domain);
        gateway.collection(gateway.collection().with(spec));
        audit.operator(gateway.getDomain(), AuditEvent.Action.CHANGED, "collection: " + AuditLog.describe(spec));
        return gateway;
    }

    /** Sets how the gateway verifies recipients (NONE, LIST, LDAP, CALLOUT) and what it does when it cannot. */
    public Gateway updateVerification(String domain, VerificationSpec spec) {
        Gateway gateway = get(domain);
        gateway.verification(gateway.verification().with(spec));
        audit.operator(gateway.getDomain(), AuditEvent.Action.CHANGED, "verification: " + AuditLog.describe(spec));
        return gateway;
    }

    /** Sets what the gateway asks of senders: SPF fail refused or stamped, authentication for its own domain. */
    public Gateway updateSenders(String domain, SenderSpec spec) {
        Gateway gateway = get(domain);
        gateway.senders(gateway.senders().with(spec));
        audit.operator(gateway.getDomain(), AuditEvent.Action.CHANGED, "senders: " + AuditLog.describe(spec));
        return gateway;
    }

    /** Sets what the gateway's mail is checked for: scanners, spam scores, attachments, size. */
    public Gateway updateContent(String domain, ContentSpec spec) {
        Gateway gateway = get(domain);
        gateway.content(gateway.content().with(spec));
        audit.operator(gateway.getDomain(), AuditEvent.Action.CHANGED, "content: " + AuditLog.describe(spec));
        return gateway;
    }

    /** The gateway's address list was changed in this transaction: every instance reads it again. */
    public void recipientListChanged(String domain) {
        Gateway gateway = get(domain);
        gateway.verification(gateway.verification().listChanged());
    }

    private static String checkDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            throw ServiceException.invalid("domain", "domain is required");
        }
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (!MailboxParser.isDomain(d) || !d.contains(".")) {
            throw ServiceException.invalid("domain", "'" + domain + "' is not a fully qualified domain name");
        }
        return d;
    }
}
