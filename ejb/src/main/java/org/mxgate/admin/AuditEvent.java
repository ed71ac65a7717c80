package org.mxgate.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;

/** One entry of the audit log: what happened to which domain, who did it, and why. */
@Entity
@Table(name = "AUDIT_EVENT", indexes = @Index(name = "AUDIT_EVENT_CLIENT", columnList = "ACTION,CLIENT,AT"))
@NamedQuery(name = "AuditEvent.latest", query = "SELECT e FROM AuditEvent e ORDER BY e.at DESC, e.id DESC")
@NamedQuery(name = "AuditEvent.ofDomain",
        query = "SELECT e FROM AuditEvent e WHERE e.domain = :domain ORDER BY e.at DESC, e.id DESC")
@NamedQuery(name = "AuditEvent.countSince", query = "SELECT COUNT(e) FROM AuditEvent e"
        + " WHERE e.action = :action AND e.client = :client AND e.at >= :since")
public class AuditEvent {

    /**
     * What an entry records (16 characters at most: the column). Automatic gateways: CREATED (by
     * the mail of {@code client}), CONFIRMED, EXPIRED, DELISTED, RELISTED. Operators (the API and
     * the pages, {@code client} is the operator): CREATED, CHANGED (a gateway's settings, its
     * recipient list or sender accounts), DELETED, FLUSHED; MAIL_RELEASED, MAIL_DELETED,
     * MAIL_RETRIED (one message); SETTINGS_CHANGED (automatic gateway settings); OPERATOR_SET,
     * OPERATOR_GONE (a named operator created or changed, removed).
     */
    public enum Action {
        CREATED, CONFIRMED, EXPIRED, DELETED, DELISTED, RELISTED, MAIL_RELEASED, MAIL_DELETED, CHANGED, FLUSHED,
        MAIL_RETRIED, SETTINGS_CHANGED, OPERATOR_SET, OPERATOR_GONE
    }

    @Id
    @Column(length = 32)
    private String id;

    @Column(name = "AT", nullable = false)
    private LocalDateTime at;

    @Column(nullable = false, length = 255)
    private String domain;

    @Enumerated(EnumType.STRING)
    @Column(name = "ACTION", nullable = false, length = 16)
    private Action action;

    /** Who: the operator, the SMTP client whose mail caused it, or how it was confirmed ("link", an address). */
    @Column(name = "CLIENT", length = 64)
    private String client;

    @Column(length = 1000)
    private String detail;

    protected AuditEvent() {
    }

    AuditEvent(LocalDateTime at, String domain, Action action, String client, String detail) {
        this.id = UUID.randomUUID().toString().replace("-", "");
        this.at = at;
        this.domain = domain;
        this.action = action;
        this.client = client == null || client.length() <= 64 ? client : client.substring(0, 64);
        this.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    }

    public LocalDateTime getAt() {
        return at;
    }

    public String getDomain() {
        return domain;
    }

    public Action getAction() {
        return action;
    }

    public String getClient() {
        return client;
    }

    public String getDetail() {
        return detail;
    }
}
