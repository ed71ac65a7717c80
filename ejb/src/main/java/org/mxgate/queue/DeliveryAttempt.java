package org.mxgate.queue;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** One try at delivering a message: when, to which relay, and what came of it. */
@Entity
@Table(name = "DELIVERY_ATTEMPT", indexes = @Index(name = "DELIVERY_ATTEMPT_MESSAGE", columnList = "MESSAGEID"))
@NamedQuery(name = "DeliveryAttempt.ofMessage",
        query = "SELECT a FROM DeliveryAttempt a WHERE a.messageId = :id ORDER BY a.attemptedAt, a.id")
@NamedQuery(name = "DeliveryAttempt.latestOfGateway", query = "SELECT a FROM DeliveryAttempt a, QueuedMessage m"
        + " WHERE m.id = a.messageId AND m.gatewayDomain = :domain AND m.kind = org.mxgate.queue.MessageKind.MAIL"
        + " ORDER BY a.attemptedAt DESC, a.id DESC")
@NamedQuery(name = "DeliveryAttempt.deleteOfMessage", query = "DELETE FROM DeliveryAttempt a WHERE a.messageId = :id")
public class DeliveryAttempt {

    /** A queue-style id (time-ordered, unique across instances), so no database sequence is needed. */
    @Id
    @Column(length = 32)
    private String id;

    @Column(name = "MESSAGEID", nullable = false, length = 32)
    private String messageId;

    @Column(nullable = false)
    private LocalDateTime attemptedAt;

    @Column(length = 300)
    private String relay;

    @Column(nullable = false, length = 16)
    @Convert(converter = AttemptOutcome.Column.class)
    private AttemptOutcome outcome;

    @Column(length = 1000)
    private String reply;

    protected DeliveryAttempt() {
    }

    DeliveryAttempt(String messageId, LocalDateTime attemptedAt, String relay, AttemptOutcome outcome, String reply) {
        this.id = QueueIds.next();
        this.messageId = messageId;
        this.attemptedAt = attemptedAt;
        this.relay = relay;
        this.outcome = outcome;
        this.reply = reply == null ? null : Recipient.truncate(reply, 1000);
    }

    public LocalDateTime getAttemptedAt() {
        return attemptedAt;
    }

    public String getRelay() {
        return relay;
    }

    public AttemptOutcome getOutcome() {
        return outcome;
    }

    public String getReply() {
        return reply;
    }
}
