package org.mxgate.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;

/** One mail domain that mxgate receives for, and what it does with that domain's mail. */
@Entity
@Table(name = "GATEWAY")
@NamedQuery(name = "Gateway.all", query = "SELECT g FROM Gateway g ORDER BY g.domain")
@NamedQuery(name = "Gateway.releasingOnContact", query = "SELECT g FROM Gateway g WHERE g.collectOnContact = :on")
@NamedQuery(name = "Gateway.pendingByToken", query = "SELECT g FROM Gateway g"
        + " WHERE g.confirmTokenHash = :hash AND g.autoState = org.mxgate.gateway.AutoState.PENDING")
@NamedQuery(name = "Gateway.expired", query = "SELECT g FROM Gateway g"
        + " WHERE g.autoState = org.mxgate.gateway.AutoState.PENDING AND g.confirmBy < :now")
@NamedQuery(name = "Gateway.automatic", query = "SELECT g FROM Gateway g WHERE g.autoState IN :states ORDER BY g.domain")
public class Gateway {

    /** The domain in lower case. */
    @Id
    @Column(length = 255)
    private String domain;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DeliveryMode mode;

    @Column(length = 255)
    private String forwardHost;

    /** {@code null} means the configured delivery port. */
    private Integer forwardPort;

    /** The one address that mode FORWARD_ADDRESS delivers to. */
    @Column(length = 320)
    private String forwardAddress;

    private boolean enabled;

    /** Pacing: at most this many connections to the next hop at once ({@code null}: the server's setting). */
    private Integer maxConnections;

    /** Pacing: at most this many messages per connection ({@code null}: the server's setting). */
    private Integer messagesPerConnection;

    /** Quota: at most this many stored messages ({@code null}: no limit). */
    private Long maxMessages;

    /** Quota: at most this many stored bytes ({@code null}: no limit). */
    private Long maxBytes;

    @Column(nullable = false)
    private LocalDateTime createdAt;

    /** Set for a gateway mxgate created because the domain's DNS names it as an MX host. */
    @Enumerated(EnumType.STRING)
    @Column(name = "AUTOSTATE", length = 16)
    private AutoState autoState;

    /** A pending automatic gateway is deleted with its mail unless confirmed by then. */
    private LocalDateTime confirmBy;

    /** SHA-256 (hex) of the one-time confirmation token of a pending automatic gateway. */
    @Column(name = "CONFIRMTOKENHASH", length = 64)
    private String confirmTokenHash;

    /** For an automatic gateway: the client whose mail created it, and the MX records then. */
    @Column(length = 64)
    private String createdForClient;

    @Column(length = 1000)
    private String mxRecords;

    /** How the domain's servers may collect its mail: a comma list of ETRN, ATRN, POP3 (null: none). */
    @Column(length = 32)
    private String collectVia;

    /** The client addresses (CIDR list) allowed to ask for the domain's mail. */
    @Column(length = 1000)
    private String collectFrom;

    /** Whether collecting needs the gateway's credentials (user: the domain). */
    private boolean collectAuth;

    /** The collection password, as a salted PBKDF2 hash ({@link Passwords}). */
    @Column(length = 200)
    private String collectPassword;

    /** Whether mail sent from an allowed address releases the held mail (RFC 5321 §4.5.4.1). */
    private boolean collectOnContact;

    /** The CRAM-MD5 secret ({@link CramMd5}), for gateways that offer ATRN only. */
    @Column(length = 100)
    private String collectCramMd5;

    @Version
    private long version;

    protected Gateway() {
    }

    public Gateway(String domain, LocalDateTime createdAt) {
        this.domain = domain;
        this.createdAt = createdAt;
        this.mode = DeliveryMode.HOLD;
        this.enabled = true;
    }

    public String getDomain() {
        return domain;
    }

    public DeliveryMode getMode() {
        return mode;
    }

    public String getForwardHost() {
        return forwardHost;
    }

    public Integer getForwardPort() {
        return forwardPort;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getForwardAddress() {
        return forwardAddress;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public Integer getMessagesPerConnection() {
        return messagesPerConnection;
    }

    public Long getMaxMessages() {
        return maxMessages;
    }

    public Long getMaxBytes() {
        return maxBytes;
    }

    /** True when new mail is refused while the stored mail is at either limit. */
    public boolean isOverQuota(long storedMessages, long storedBytes) {
        return getMaxMessages() != null && storedMessages >= getMaxMessages()
                || getMaxBytes() != null && storedBytes >= getMaxBytes();
    }

    public boolean hasQuota() {
        return getMaxMessages() != null || getMaxBytes() != null;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    /** Applies checked settings; {@link GatewayService} validates them first. */
    void configure(DeliveryMode mode, String forwardHost, Integer forwardPort, String forwardAddress, boolean enabled,
            Long maxMessages, Long maxBytes, Integer maxConnections, Integer messagesPerConnection) {
        this.maxConnections = maxConnections;
        this.messagesPerConnection = messagesPerConnection;
        this.forwardAddress = forwardAddress;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.mode = mode;
        this.forwardHost = forwardHost;
        this.forwardPort = forwardPort;
        this.enabled = enabled;
    }

    /** True when the queue runner should deliver this gateway's mail. */
    public boolean delivers() {
        return enabled && mode != DeliveryMode.HOLD && autoState != AutoState.PENDING;
    }

    /**
     * Whether the domain's servers may collect its mail by {@code method} (ETRN, ATRN, POP3); never
     * while the gateway waits for confirmation (its mail is stored, not passed on).
     */
    public boolean collectsVia(String method) {
        return collectVia != null && collectable() && java.util.Set.of(collectVia.split(",")).contains(method);
    }

    /**
     * Whether mail sent by one of the allowed addresses releases the held mail now: switched on,
     * enabled, and not behind authentication (the SMTP port has none).
     */
    public boolean releasesOnContact() {
        return collectOnContact && enabled && !collectAuth && collectable();
    }

    /** A gateway waiting for confirmation stores its mail but passes none on, by any way. */
    private boolean collectable() {
        return autoState != AutoState.PENDING;
    }

    public String getCollectVia() {
        return collectVia;
    }

    public String getCollectFrom() {
        return collectFrom;
    }

    public boolean isCollectAuth() {
        return collectAuth;
    }

    public String getCollectPassword() {
        return collectPassword;
    }

    /** The CRAM-MD5 secret for ATRN logins ({@link CramMd5}), kept only while ATRN is offered. */
    public String getCollectCramMd5() {
        return collectCramMd5;
    }

    /** Whether mail sent by one of the allowed addresses releases the gateway's held mail. */
    public boolean isReleaseOnContact() {
        return collectOnContact;
    }

    void collection(String via, String from, boolean auth, String passwordHash, String cramMd5Secret,
            boolean onContact) {
        this.collectOnContact = onContact;
        this.collectVia = via;
        this.collectFrom = from;
        this.collectAuth = auth;
        this.collectPassword = passwordHash;
        this.collectCramMd5 = cramMd5Secret;
    }

    public boolean isAutomatic() {
        return autoState != null;
    }

    public AutoState getAutoState() {
        return autoState;
    }

    public LocalDateTime getConfirmBy() {
        return confirmBy;
    }

    public String getCreatedForClient() {
        return createdForClient;
    }

    public String getMxRecords() {
        return mxRecords;
    }

    /** Marks the gateway as created by mxgate for {@code client}'s mail, pending until {@code confirmBy} if set. */
    void automatic(String client, String mxRecords, LocalDateTime confirmBy, String confirmTokenHash) {
        this.createdForClient = client;
        this.mxRecords = fitted(mxRecords);
        this.confirmBy = confirmBy;
        this.confirmTokenHash = confirmTokenHash;
        this.autoState = confirmBy == null ? AutoState.CONFIRMED : AutoState.PENDING;
    }

    void confirmed() {
        autoState = AutoState.CONFIRMED;
        confirmBy = null;
        confirmTokenHash = null;
    }

    void listed(boolean listed, String mxRecords) {
        if (autoState == AutoState.CONFIRMED || autoState == AutoState.DELISTED) {
            autoState = listed ? AutoState.CONFIRMED : AutoState.DELISTED;
        }
        if (mxRecords != null) {
            this.mxRecords = fitted(mxRecords);
        }
    }

    /** The MX records as described, cut to fit their column. */
    private static String fitted(String mxRecords) {
        return mxRecords == null || mxRecords.length() <= 1000 ? mxRecords : mxRecords.substring(0, 1000);
    }
}
