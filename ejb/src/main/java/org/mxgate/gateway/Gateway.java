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
        return enabled && mode != DeliveryMode.HOLD;
    }
}
