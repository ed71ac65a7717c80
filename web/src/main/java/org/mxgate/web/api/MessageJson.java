package org.mxgate.web.api;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.LocalDateTime;
import java.util.List;
import org.mxgate.mail.Dsn;
import org.mxgate.queue.DeliveryAttempt;
import org.mxgate.queue.QueuedMessage;

/**
 * A queued message as the API shows it; {@code kind} is MAIL, BOUNCE (a report or notice mxgate
 * wrote), OPERATOR (mail for the postmaster) or COPY (kept for collection); {@code bounce} marks
 * a BOUNCE; {@code ret} and {@code envid}, and each recipient's {@code notify} and
 * {@code orcpt}, are the sender's DSN request (RFC 3461) as received, null when not given;
 * {@code history} only on the single-message view.
 */
public record MessageJson(String id, String gateway, String kind, boolean bounce, String sender, String ret, String envid,
        List<RecipientJson> recipients, long size,
        LocalDateTime receivedAt, String status, int attempts, LocalDateTime nextAttemptAt, String lastError,
        String quarantine, List<String> checks, List<AttemptJson> history) {

    public record RecipientJson(String address, String status, String reply,
            @JsonbProperty("notify") String notifyOn, String orcpt) {
    }

    public record AttemptJson(LocalDateTime at, String relay, String outcome, String reply) {
    }

    static MessageJson of(QueuedMessage m, List<DeliveryAttempt> attempts) {
        Dsn.Request dsn = m.dsn();
        return new MessageJson(m.getId(), m.getGatewayDomain(), m.kind().name(), m.isBounce(), m.getSender(), dsn.ret(), dsn.envid(),
                m.getRecipients().stream().map(r -> new RecipientJson(r.getAddress(), r.getStatus().name(),
                        r.getReply(), r.dsn().notifyOn(), r.dsn().orcpt())).toList(),
                m.getSize(), m.getReceivedAt(), m.getStatus().name(), m.getAttempts(), m.getNextAttemptAt(),
                m.getLastError(), m.quarantineReason(), m.checks(), attempts == null ? null
                        : attempts.stream().map(a -> new AttemptJson(a.getAttemptedAt(), a.getRelay(),
                                a.getOutcome().word(), a.getReply())).toList());
    }
}
