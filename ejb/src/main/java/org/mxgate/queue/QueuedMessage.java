package org.mxgate.queue;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mxgate.gateway.DeliveryMode;
import org.mxgate.gateway.Gateway;
import org.mxgate.mail.Dsn;

/** A message accepted for a gateway: its envelope, its state and when it is next due. */
@Entity
@Table(name = "QUEUED_MESSAGE", indexes = {
        @Index(name = "QUEUED_MESSAGE_DUE", columnList = "STATUS,NEXTATTEMPTAT"),
        @Index(name = "QUEUED_MESSAGE_GATEWAY", columnList = "GATEWAYDOMAIN,RECEIVEDAT")})
@NamedQuery(name = "QueuedMessage.dueIds", query = QueuedMessage.DUE + " ORDER BY m.nextAttemptAt")
@NamedQuery(name = "QueuedMessage.claim", query = "UPDATE QueuedMessage m SET m.status = :active,"
        + " m.leaseOwner = :owner, m.leaseUntil = :until, m.version = m.version + 1"
        + " WHERE m.id IN :ids AND m.status IN :waiting")
@NamedQuery(name = "QueuedMessage.claimedBy",
        query = "SELECT m FROM QueuedMessage m WHERE m.id IN :ids AND m.status = :active AND m.leaseOwner = :owner",
        hints = {@QueryHint(name = "eclipselink.batch", value = "m.recipients"),
                @QueryHint(name = "eclipselink.batch.type", value = "IN")})
@NamedQuery(name = "QueuedMessage.delivered", query = "UPDATE QueuedMessage m SET m.status = :delivered,"
        + " m.attempts = m.attempts + 1, m.leaseOwner = NULL, m.leaseUntil = NULL, m.nextAttemptAt = NULL,"
        + " m.lastError = NULL, m.version = m.version + 1"
        + " WHERE m.id IN :ids AND m.status = :active AND m.leaseOwner = :owner")
@NamedQuery(name = "QueuedMessage.successAsked", query = "SELECT DISTINCT m.id FROM QueuedMessage m"
        + " JOIN m.recipients r WHERE m.id IN :ids AND r.notifyOn LIKE '%SUCCESS%'")
@NamedQuery(name = "QueuedMessage.releaseOwned", query = "UPDATE QueuedMessage m SET m.status = :deferred,"
        + " m.leaseOwner = NULL, m.leaseUntil = NULL, m.version = m.version + 1"
        + " WHERE m.status = :active AND m.leaseOwner = :owner")
@NamedQuery(name = "QueuedMessage.releaseExpired", query = "UPDATE QueuedMessage m SET m.status = :deferred,"
        + " m.leaseOwner = NULL, m.leaseUntil = NULL, m.version = m.version + 1"
        + " WHERE m.status = :active AND m.leaseUntil < :now")
@NamedQuery(name = "QueuedMessage.ofGateway",
        query = "SELECT m FROM QueuedMessage m WHERE m.gatewayDomain = :domain ORDER BY m.receivedAt, m.id",
        hints = {@QueryHint(name = "eclipselink.batch", value = "m.recipients"),
                @QueryHint(name = "eclipselink.batch.type", value = "IN")})
@NamedQuery(name = "QueuedMessage.idsOfGateway",
        query = "SELECT m.id FROM QueuedMessage m WHERE m.gatewayDomain = :domain")
@NamedQuery(name = "QueuedMessage.inStatus", query = "SELECT m FROM QueuedMessage m"
        + " WHERE m.gatewayDomain = :domain AND m.status = :status ORDER BY m.receivedAt, m.id")
@NamedQuery(name = "QueuedMessage.countStored",
        query = "SELECT COUNT(m) FROM QueuedMessage m WHERE m.gatewayDomain = :domain AND m.status IN :stored")
@NamedQuery(name = "QueuedMessage.finishedBefore", query = "SELECT m.id FROM QueuedMessage m"
        + " WHERE m.status IN :finished AND m.receivedAt < :cutoff")
@NamedQuery(name = "QueuedMessage.usage", query = "SELECT COUNT(m), SUM(m.size) FROM QueuedMessage m"
        + " WHERE m.gatewayDomain = :domain AND m.status IN :stored AND m.kind IN (org.mxgate.queue.MessageKind.MAIL,"
        + " org.mxgate.queue.MessageKind.COPY)")
@NamedQuery(name = "QueuedMessage.copiesExpired", query = "SELECT m FROM QueuedMessage m WHERE m.gatewayDomain = :domain"
        + " AND m.kind = org.mxgate.queue.MessageKind.COPY AND m.status IN :waiting AND m.receivedAt < :cutoff")
@NamedQuery(name = "QueuedMessage.backlog", query = "SELECT COUNT(m), SUM(m.size), MIN(m.receivedAt)"
        + " FROM QueuedMessage m WHERE m.gatewayDomain = :domain AND m.status IN :stored AND m.kind = org.mxgate.queue.MessageKind.MAIL")
@NamedQuery(name = "QueuedMessage.delayed", query = "SELECT m FROM QueuedMessage m WHERE m.status = :deferred"
        + " AND m.kind = org.mxgate.queue.MessageKind.MAIL AND m.sender <> '' AND m.delayWarnedAt IS NULL AND m.receivedAt < :cutoff")
@NamedQuery(name = "QueuedMessage.countsOfGateway", query = "SELECT m.status, COUNT(m) FROM QueuedMessage m"
        + " WHERE m.gatewayDomain = :domain GROUP BY m.status")
@NamedQuery(name = "QueuedMessage.keptByGateway", query = "SELECT m.gatewayDomain, m.status, COUNT(m), SUM(m.size),"
        + " MIN(m.receivedAt) FROM QueuedMessage m WHERE m.status IN :kept GROUP BY m.gatewayDomain, m.status")
@NamedQuery(name = "QueuedMessage.waitingShape", query = "SELECT m.gatewayDomain, m.kind, m.receivedAt, m.id"
        + " FROM QueuedMessage m WHERE m.status IN :stored")
@NamedQuery(name = "QueuedMessage.countsByGateway",
        query = "SELECT m.gatewayDomain, m.status, COUNT(m) FROM QueuedMessage m GROUP BY m.gatewayDomain, m.status")
@NamedQuery(name = "QueuedMessage.release", query = "UPDATE QueuedMessage m SET m.nextAttemptAt = :now,"
        + " m.releasedAt = :now, m.version = m.version + 1 WHERE m.gatewayDomain IN :domains AND m.status IN :waiting")
@NamedQuery(name = "QueuedMessage.waitingOfGateway", query = "SELECT m.id FROM QueuedMessage m"
        + " WHERE m.gatewayDomain = :domain AND m.status IN :waiting AND m.kind = :kind ORDER BY m.receivedAt, m.id")
@NamedQuery(name = "QueuedMessage.flush", query = "UPDATE QueuedMessage m SET m.nextAttemptAt = :now,"
        + " m.version = m.version + 1 WHERE m.gatewayDomain = :domain AND m.status IN :waiting")
@NamedQuery(name = "QueuedMessage.flushActive", query = "UPDATE QueuedMessage m SET m.flushAsked = TRUE"
        + " WHERE m.gatewayDomain = :domain AND m.status = :active")
@NamedQuery(name = "QueuedMessage.flushPastSchedule", query = "UPDATE QueuedMessage m SET m.nextAttemptAt = :now,"
        + " m.releasedAt = :now, m.version = m.version + 1 WHERE m.gatewayDomain = :domain AND m.status IN :waiting")
public class QueuedMessage {

    /** The index of recipients by message ({@link StableStorage} adds it to databases made before it). */
    static final String RECIPIENT_INDEX = "MESSAGE_RECIPIENT_MESSAGE";

    /**
     * Which mail may go (and {@link #mayGoWhenStored}, the same for mail being stored, which a
     * container test holds to it): a report or operator mail, or mail whose
     * gateway is enabled, not pending confirmation, not HOLD unless a domain server released it,
     * and not outside its delivery schedule unless released or flushed. Parameter {@code :paused}
     * (the gateways whose schedule is closed now; never empty, "" stands for none).
     */
    static final String MAY_GO = "(m.kind IN (org.mxgate.queue.MessageKind.BOUNCE,"
            + " org.mxgate.queue.MessageKind.OPERATOR) OR m.kind = org.mxgate.queue.MessageKind.MAIL"
            + " AND (g.enabled = TRUE AND (g.routing.mode <> org.mxgate.gateway.DeliveryMode.HOLD"
            + " OR m.releasedAt IS NOT NULL) AND (g.creation.autoState IS NULL"
            + " OR g.creation.autoState <> org.mxgate.gateway.AutoState.PENDING)"
            + " AND (m.releasedAt IS NOT NULL OR m.gatewayDomain NOT IN :paused)))";

    /**
     * {@link #MAY_GO} for a message being stored (never released yet), as the store decides it
     * without asking the database: {@code gateway} is its gateway (null when there is none),
     * {@code paused} whether that gateway's delivery schedule is closed now.
     */
    static boolean mayGoWhenStored(MessageKind kind, Gateway gateway, boolean paused) {
        return switch (kind) {
            case BOUNCE, OPERATOR -> true;
            case COPY -> false;
            case MAIL -> gateway != null && gateway.isEnabled() && gateway.routing().mode() != DeliveryMode.HOLD
                    && !gateway.isPending() && !paused;
        };
    }

    /** Which mail is due: waiting, its time come ({@code :waiting}, {@code :now}), and it {@link #MAY_GO}. */
    static final String DUE = "SELECT m.id FROM QueuedMessage m LEFT JOIN Gateway g ON g.domain = m.gatewayDomain"
            + " WHERE m.status IN :waiting AND m.nextAttemptAt <= :now AND " + MAY_GO;

    @Id
    @Column(length = 32)
    private String id;

    @Column(name = "GATEWAYDOMAIN", nullable = false, length = 255)
    private String gatewayDomain;

    /** The reverse-path; empty for the null sender {@code <>}. */
    @Column(nullable = false, length = 320)
    private String sender;

    @ElementCollection(fetch = FetchType.EAGER)
    // indexed by message: outcomes update recipients by message (PostgreSQL does not index a
    // foreign key by itself, and would scan every recipient ever stored for each outcome)
    @CollectionTable(name = "MESSAGE_RECIPIENT", joinColumns = @JoinColumn(name = "MESSAGEID"),
            indexes = @Index(name = QueuedMessage.RECIPIENT_INDEX, columnList = "MESSAGEID"))
    @OrderColumn(name = "POSITION")
    private List<Recipient> recipients = new ArrayList<>();

    @Column(name = "RECEIVEDAT", nullable = false)
    private LocalDateTime receivedAt;

    /** Bytes stored, trace header included. */
    private long size;

    @Column(length = 64)
    private String clientAddress;

    @Column(length = 255)
    private String heloName;

    @Column(name = "KIND", length = 8)
    @Enumerated(EnumType.STRING)
    private MessageKind kind = MessageKind.MAIL;

    /** RFC 3461 RET (FULL or HDRS) as the client gave it, or null. */
    @Column(name = "DSNRET", length = 4)
    private String dsnRet;

    /** RFC 3461 ENVID in xtext as the client gave it, or null. */
    @Column(name = "DSNENVID", length = Dsn.MAX_ENVID)
    private String dsnEnvid;

    /**
     * When a domain server asked for this message (ETRN): held mail is then delivered like a
     * forwarding gateway's; {@code null} until then.
     */
    private LocalDateTime releasedAt;

    /** When the sender was told the message is delayed; {@code null} until then. */
    private LocalDateTime delayWarnedAt;

    /**
     * A flush was asked while this message was being delivered: if that attempt defers it, it is
     * due again at once, as if it had been waiting when the flush came. Null otherwise.
     */
    private Boolean flushAsked;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false, length = 16)
    private QueueStatus status;

    private int attempts;

    @Column(name = "NEXTATTEMPTAT")
    private LocalDateTime nextAttemptAt;

    @Column(length = 1000)
    private String lastError;

    @Column(length = 255)
    private String leaseOwner;

    /** The header fields the checks added when it was received (SPF, scanners), one per line; null: none. */
    @Column(length = 2000)
    private String checks;

    /** Why the content filter held it (kept after a release, for the record); null: never held. */
    @Column(length = 300)
    private String quarantine;

    private LocalDateTime leaseUntil;

    @Version
    private long version;

    protected QueuedMessage() {
    }

    QueuedMessage(String id, String gatewayDomain, String sender, List<String> recipients, LocalDateTime receivedAt,
            long size, String clientAddress, String heloName, Dsn.Request dsn) {
        this.id = id;
        this.gatewayDomain = gatewayDomain;
        this.sender = sender;
        recipients.forEach(r -> this.recipients.add(new Recipient(r, dsn.of(r))));
        this.dsnRet = dsn.ret();
        this.dsnEnvid = dsn.envid();
        this.receivedAt = receivedAt;
        this.size = size;
        this.clientAddress = clientAddress;
        this.heloName = heloName;
        this.status = QueueStatus.QUEUED;
        this.nextAttemptAt = receivedAt;
    }

    /** A non-delivery report to {@code recipient}, kept with the gateway whose mail failed. */
    static QueuedMessage bounce(String id, String gatewayDomain, String recipient, LocalDateTime now, long size) {
        QueuedMessage m = new QueuedMessage(id, gatewayDomain, "", List.of(recipient), now, size, null, null,
                Dsn.Request.NONE);
        m.kind = MessageKind.BOUNCE;
        return m;
    }

    /** Claims a message not yet stored for {@code owner} until {@code until}, as the claim query would. */
    void claimedAtStore(String owner, LocalDateTime until) {
        status = QueueStatus.ACTIVE;
        leaseOwner = owner;
        leaseUntil = until;
    }

    void checks(String fields) {
        checks = fields == null || fields.isEmpty() ? null : fields.length() > 2000 ? fields.substring(0, 2000) : fields;
    }

    /** What the checks said of it when it was received: the header fields they added, in order. */
    public List<String> checks() {
        return checks == null ? List.of() : List.of(checks.split("\n"));
    }

    /** Held by the content filter for {@code reason}: not due, never claimed. */
    void quarantine(String reason) {
        status = QueueStatus.QUARANTINED;
        nextAttemptAt = null;
        quarantine = reason.length() > 300 ? reason.substring(0, 300) : reason;
    }

    /** Out of the quarantine: waiting as newly received mail does, due {@code now}. */
    void releaseFromQuarantine(LocalDateTime now) {
        status = QueueStatus.QUEUED;
        nextAttemptAt = now;
    }

    /** Due {@code now} (an operator's retry); {@code pastSchedule}: also outside its gateway's delivery schedule. */
    void dueNow(LocalDateTime now, boolean pastSchedule) {
        nextAttemptAt = now;
        if (pastSchedule) {
            releasedAt = now;
        }
    }

    /** Why the content filter held this message, or null. */
    public String quarantineReason() {
        return quarantine;
    }

    void delayWarned(LocalDateTime when) {
        delayWarnedAt = when;
    }

    void kind(MessageKind kind) {
        this.kind = kind;
    }

    /** A report or operator mail: delivered to the MX hosts of its recipient, not by a gateway's route. */
    public boolean goesToItsRecipientsMx() {
        return kind == MessageKind.BOUNCE || kind == MessageKind.OPERATOR;
    }

    public MessageKind kind() {
        return kind;
    }

    public boolean isBounce() {
        return kind == MessageKind.BOUNCE;
    }

    public String getId() {
        return id;
    }

    public String getGatewayDomain() {
        return gatewayDomain;
    }

    public String getSender() {
        return sender;
    }

    public List<Recipient> getRecipients() {
        return Collections.unmodifiableList(recipients);
    }

    /** What the client asked to be told about this message and its recipients (RFC 3461). */
    public Dsn.Request dsn() {
        Map<String, Dsn.Recipient> byAddress = new HashMap<>();
        recipients.forEach(r -> byAddress.put(r.getAddress(), r.dsn()));
        return new Dsn.Request(dsnRet, dsnEnvid, byAddress);
    }

    public List<String> pendingRecipients() {
        return recipients.stream().filter(r -> r.getStatus() == RecipientStatus.PENDING).map(Recipient::getAddress)
                .toList();
    }

    public LocalDateTime getReceivedAt() {
        return receivedAt;
    }

    public long getSize() {
        return size;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getHeloName() {
        return heloName;
    }

    public QueueStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public LocalDateTime getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    String leaseOwner() {
        return leaseOwner;
    }

    /**
     * Settles the recipients named in {@code results} and moves the message to its next state:
     * DELIVERED or FAILED once no recipient is pending, else DEFERRED until {@code nextAttempt}.
     */
    void settle(List<RecipientResult> results, LocalDateTime nextAttempt, String error) {
        settle(results, nextAttempt, error, nextAttempt);
    }

    /** As above; {@code attemptedAt} is when the attempt ended (a flush asked meanwhile makes it due then). */
    void settle(List<RecipientResult> results, LocalDateTime nextAttempt, String error, LocalDateTime attemptedAt) {
        settleRecipients(results, nextAttempt, error, attemptedAt);
        flushAsked = null;
    }

    private void settleRecipients(List<RecipientResult> results, LocalDateTime nextAttempt, String error,
            LocalDateTime attemptedAt) {
        for (RecipientResult result : results) {
            for (Recipient r : recipients) {
                if (r.getStatus() == RecipientStatus.PENDING && r.getAddress().equals(result.address())) {
                    r.settle(result.status(), result.reply());
                }
            }
        }
        attempts++;
        leaseOwner = null;
        leaseUntil = null;
        lastError = error == null ? null : Recipient.truncate(error, 1000);
        if (recipients.stream().anyMatch(r -> r.getStatus() == RecipientStatus.PENDING)) {
            status = QueueStatus.DEFERRED;
            nextAttemptAt = nextAttempt;
            if (Boolean.TRUE.equals(flushAsked) && nextAttempt != null) {
                // flushed while under way: due now, past its schedule, as the waiting mail was
                nextAttemptAt = attemptedAt;
                releasedAt = attemptedAt;
            }
        } else {
            status = recipients.stream().allMatch(r -> r.getStatus() == RecipientStatus.DELIVERED)
                    ? QueueStatus.DELIVERED : QueueStatus.FAILED;
            nextAttemptAt = null;
        }
    }
}
