package org.mxgate.web.api;

import java.time.LocalDateTime;
import java.util.List;
import org.mxgate.queue.DeliveryAttempt;
import org.mxgate.queue.QueuedMessage;

/**
 * A queued message as the API shows it; {@code bounce} marks a non-delivery report mxgate wrote;
 * {@code history} only on the single-message view.
 */
public record MessageJson(String id, String gateway, boolean bounce, String sender, List<RecipientJson> recipients,
        long size,
        LocalDateTime receivedAt, String status, int attempts, LocalDateTime nextAttemptAt, String lastError,
        List<AttemptJson> history) {

    public record RecipientJson(String address, String status, String reply) {
    }

    public record AttemptJson(LocalDateTime at, String relay, String outcome, String reply) {
    }

    static MessageJson of(QueuedMessage m, List<DeliveryAttempt> attempts) {
        return new MessageJson(m.getId(), m.getGatewayDomain(), m.isBounce(), m.getSender(),
                m.getRecipients().stream()
                        .map(r -> new RecipientJson(r.getAddress(), r.getStatus().name(), r.getReply())).toList(),
                m.getSize(), m.getReceivedAt(), m.getStatus().name(), m.getAttempts(), m.getNextAttemptAt(),
                m.getLastError(), attempts == null ? null
                        : attempts.stream().map(a -> new AttemptJson(a.getAttemptedAt(), a.getRelay(),
                                a.getOutcome(), a.getReply())).toList());
    }
}
