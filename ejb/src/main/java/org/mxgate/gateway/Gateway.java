package org.mxgate.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import org.mxgate.admin.ServiceException;
import org.mxgate.mail.MailboxParser;

/**
 * One mail domain that mxgate receives for, and what it does with that domain's mail: its
 * {@link Routing}, its {@link Limits}, who may collect it ({@link CollectionAccess}), how its
 * recipients are verified ({@link RecipientVerification}), what it asks of senders
 * ({@link SenderPolicy}) and, for a
 * gateway mxgate created by itself, its {@link AutoCreation}. Each is a value that checks its own
 * changes; the gateway swaps one for the next. (Which of its mail is due for delivery is decided
 * in one place, the queue's {@code QueuedMessage.dueIds}.)
 */
@Entity
@EntityListeners(GatewayChanges.class)
@Table(name = "GATEWAY")
@NamedQuery(name = "Gateway.all", query = "SELECT g FROM Gateway g ORDER BY g.domain")
@NamedQuery(name = "Gateway.domains", query = "SELECT g.domain FROM Gateway g")
@NamedQuery(name = "Gateway.summaries", query = "SELECT g.domain, g.routing.mode, g.routing.forwardHost,"
        + " g.routing.forwardPort, g.routing.forwardAddress, g.enabled, g.creation.autoState FROM Gateway g")
@NamedQuery(name = "Gateway.releasingOnContact",
        query = "SELECT g FROM Gateway g WHERE g.collection.collectOnContact = :on")
@NamedQuery(name = "Gateway.pendingByToken", query = "SELECT g FROM Gateway g WHERE g.creation.confirmTokenHash = :hash"
        + " AND g.creation.autoState = org.mxgate.gateway.AutoState.PENDING")
@NamedQuery(name = "Gateway.expired", query = "SELECT g FROM Gateway g"
        + " WHERE g.creation.autoState = org.mxgate.gateway.AutoState.PENDING AND g.creation.confirmBy < :now")
@NamedQuery(name = "Gateway.quotaWarned", query = "UPDATE Gateway g SET g.quotaWarnedAt = :at"
        + " WHERE g.domain = :domain AND g.quotaWarnedAt IS NULL")
@NamedQuery(name = "Gateway.quotaWarningOver", query = "UPDATE Gateway g SET g.quotaWarnedAt = NULL"
        + " WHERE g.domain = :domain AND g.quotaWarnedAt IS NOT NULL")
@NamedQuery(name = "Gateway.scheduled", query = "SELECT g FROM Gateway g"
        + " WHERE g.schedule.scheduleWindows IS NOT NULL OR g.schedule.scheduleInterval IS NOT NULL")
@NamedQuery(name = "Gateway.scheduleOpened", query = "UPDATE Gateway g SET g.scheduleOpenedAt = :at"
        + " WHERE g.domain = :domain AND (g.scheduleOpenedAt IS NULL OR g.scheduleOpenedAt < :at)")
@NamedQuery(name = "Gateway.keepingCopies", query = "SELECT g FROM Gateway g WHERE g.routing.keepCopy = TRUE")
@NamedQuery(name = "Gateway.automatic",
        query = "SELECT g FROM Gateway g WHERE g.creation.autoState IN :states ORDER BY g.domain")
public class Gateway {

    /** The domain in lower case. */
    @Id
    @Column(length = 255)
    private String domain;

    @Embedded
    private Routing routing;

    private boolean enabled;

    /** Null when every limit is unset (JPA reads an embedded value whose columns are all null as null). */
    @Embedded
    private Limits limits;

    @Column(nullable = false)
    private LocalDateTime createdAt;

    /** Null for a gateway an operator made. */
    @Embedded
    private AutoCreation creation;

    @Embedded
    private CollectionAccess collection;

    /** Null when nothing was set (JPA reads an embedded value whose columns are all null as null). */
    @Embedded
    private SenderPolicy senders;

    /** Null when nothing was set (JPA reads an embedded value whose columns are all null as null). */
    @Embedded
    private ContentFilter content;

    /** Null when verification was never set (JPA reads an embedded value whose columns are all null as null). */
    @Embedded
    private RecipientVerification verification;

    /** Null when it has no schedule (JPA reads an embedded value whose columns are all null as null). */
    @Embedded
    private DeliverySchedule schedule;

    /** When the last opening of the schedule's interval began; null if none has. */
    private LocalDateTime scheduleOpenedAt;

    /** Where notices about the gateway go (quota warnings); null: postmaster of the domain. */
    @Column(length = 320)
    private String contactAddress;

    /** When the quota warning was sent, while the stored mail stays near the quota; else null. */
    private LocalDateTime quotaWarnedAt;

    @Version
    private long version;

    protected Gateway() {
    }

    public Gateway(String domain, LocalDateTime createdAt) {
        this.domain = domain;
        this.createdAt = createdAt;
        this.routing = Routing.held();
        this.limits = Limits.none();
        this.collection = CollectionAccess.none();
        this.enabled = true;
    }

    public String getDomain() {
        return domain;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Routing routing() {
        return routing;
    }

    public Limits limits() {
        return limits == null ? Limits.none() : limits;
    }

    public DeliverySchedule schedule() {
        return schedule == null ? DeliverySchedule.always() : schedule;
    }

    /** When the last opening of the schedule's interval began; null if none has. */
    public LocalDateTime scheduleOpenedAt() {
        return scheduleOpenedAt;
    }

    void schedule(DeliverySchedule schedule) {
        this.schedule = schedule;
    }

    public CollectionAccess collection() {
        return collection == null ? CollectionAccess.none() : collection;
    }

    /** What the gateway asks of the senders of its mail (SPF, authentication). */
    public SenderPolicy senders() {
        return senders == null ? SenderPolicy.defaults() : senders;
    }

    void senders(SenderPolicy senders) {
        this.senders = senders;
    }

    /** What the gateway's mail is checked for before it is taken (viruses, spam, attachments, size). */
    public ContentFilter content() {
        return content == null ? ContentFilter.defaults() : content;
    }

    void content(ContentFilter content) {
        this.content = content;
    }

    /** How the gateway verifies recipients before it answers RCPT. */
    public RecipientVerification verification() {
        return verification == null ? RecipientVerification.none() : verification;
    }

    void verification(RecipientVerification verification) {
        this.verification = verification;
    }

    /** How mxgate created the gateway by itself, if it did. */
    public java.util.Optional<AutoCreation> creation() {
        return java.util.Optional.ofNullable(creation);
    }

    public boolean isAutomatic() {
        return creation != null;
    }

    /** The state of an automatic gateway, or null for one an operator made. */
    public AutoState getAutoState() {
        return creation == null ? null : creation.state();
    }

    /** Whether it waits for confirmation: its mail is stored but passed on by no way at all. */
    public boolean isPending() {
        return creation != null && creation.isPending();
    }

    /** Whether the domain's servers may collect its mail by {@code method}; never while it is pending. */
    public boolean collectsVia(CollectionMethod method) {
        return !isPending() && collection().methods().contains(method);
    }

    /**
     * Whether mail sent by one of the allowed addresses releases the held mail now: switched on,
     * enabled, not pending, and not behind authentication (the SMTP port has none).
     */
    public boolean releasesOnContact() {
        return collection().releaseOnContact() && enabled && !collection().authRequired() && !isPending();
    }

    /**
     * Applies an operator's change: each field given replaces the current one (a field left out
     * keeps its value), checked by the value it belongs to, which names the field at fault.
     */
    public void change(GatewaySpec spec) {
        String contact = contactAddress;
        if (spec.contactAddress() != null) {
            contact = spec.contactAddress().isBlank() ? null : MailboxParser.parseMailbox(spec.contactAddress().strip())
                    .filter(a -> !a.isAddressLiteral() && !a.hasRoutingCharacters() && a.domain().contains("."))
                    .map(a -> a.localPart() + "@" + a.domainKey()).orElseThrow(() -> ServiceException.invalid("contactAddress",
                            "'" + spec.contactAddress() + "' is not an e-mail address"));
        }
        DeliverySchedule newSchedule = schedule().with(spec.schedule());
        configure(routing.with(spec), limits().with(spec), spec.enabled() == null ? enabled : spec.enabled());
        contactAddress = contact;
        schedule = newSchedule;
    }

    /** Where notices about the gateway go: the contact address, else postmaster of the domain. */
    public String contactAddress() {
        return contactAddress != null ? contactAddress : "postmaster@" + domain;
    }

    /** When the quota warning went out, while the stored mail has stayed near the quota; else null. */
    public LocalDateTime quotaWarnedAt() {
        return quotaWarnedAt;
    }

    void configure(Routing routing, Limits limits, boolean enabled) {
        this.routing = routing;
        this.limits = limits;
        this.enabled = enabled;
    }

    void collection(CollectionAccess collection) {
        this.collection = collection;
    }

    void creation(AutoCreation creation) {
        this.creation = creation;
    }
}
