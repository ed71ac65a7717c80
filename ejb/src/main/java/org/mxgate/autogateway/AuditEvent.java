package org.mxgate.autogateway;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.mxgate.queue.QueueIds;

/** One entry of the audit log of automatic gateways: what happened to which domain, and why. */
@Entity
@Table(name = "AUDIT_EVENT", indexes = @Index(name = "AUDIT_EVENT_CLIENT", columnList = "ACTION,CLIENT,AT"))
@NamedQuery(name = "AuditEvent.latest", query = "SELECT e FROM AuditEvent e ORDER BY e.at DESC, e.id DESC")
@NamedQuery(name = "AuditEvent.ofDomain",
        query = "SELECT e FROM AuditEvent e WHERE e.domain = :domain ORDER BY e.at DESC, e.id DESC")
@NamedQuery(name = "AuditEvent.countSince", query = "SELECT COUNT(e) FROM AuditEvent e"
        + " WHERE e.action = :action AND e.client = :client AND e.at >= :since")
public class AuditEvent {

    /** What an entry records. */
    /** MAIL_RELEASED, MAIL_DELETED: quarantined mail let go or deleted by an operator (16 characters at most: the column). */
    public enum Action { CREATED, CONFIRMED, EXPIRED, DELETED, DELISTED, RELISTED, MAIL_RELEASED, MAIL_DELETED }

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

    /** The SMTP client whose mail caused it, or who confirmed ("api", "link", an address). */
    @Column(name = "CLIENT", length = 64)
    private String client;

    @Column(length = 1000)
    private String detail;

    protected AuditEvent() {
    }

    AuditEvent(LocalDateTime at, String domain, Action action, String client, String detail) {
        this.id = QueueIds.next();
        this.at = at;
        this.domain = domain;
        this.action = action;
        this.client = client;
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
