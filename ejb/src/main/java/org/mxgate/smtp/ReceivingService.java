package org.mxgate.smtp;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mxgate.autogateway.AutoGatewayService;
import org.mxgate.config.GatewaySettings;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayService;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Envelope;
import org.mxgate.queue.NewMessage;
import org.mxgate.queue.QueueIds;
import org.mxgate.queue.QueueService;

/**
 * The transactional side of receiving: storing a message as one queued message per gateway its
 * recipients belong to, in one transaction (replies to confirmation messages confirm and are not
 * kept).
 */
@Stateless
public class ReceivingService {

    @Inject
    GatewayService gateways;

    @Inject
    QueueService queue;

    @Inject
    AutoGatewayService autoGateways;

    @Inject
    GatewaySettings settings;

    /** What storing a message did. */
    public record Stored(boolean queued, boolean deliversNow) {
    }

    /**
     * Stores the message: {@code queued} when any of it was kept (not when all its recipients were
     * confirmation replies), {@code deliversNow} when a gateway it was stored for delivers now
     * (FORWARD, enabled).
     */
    public Stored store(String id, Envelope envelope, byte[] content) {
        Map<String, List<String>> byGateway = new LinkedHashMap<>();
        for (EmailAddress r : envelope.recipients()) {
            Optional<String> token = AutoGatewayService.confirmationToken(r, settings.hostname());
            if (token.isPresent()) {
                // a reply to a confirmation message: it confirms, and is not kept
                autoGateways.confirmByToken(token.get(), "reply from [" + envelope.clientAddress() + "]");
                continue;
            }
            byGateway.computeIfAbsent(r.domainKey(), d -> new ArrayList<>()).add(r.toString());
        }
        List<NewMessage> messages = new ArrayList<>();
        boolean deliversNow = false;
        for (Map.Entry<String, List<String>> e : byGateway.entrySet()) {
            deliversNow |= gateways.find(e.getKey()).map(Gateway::delivers).orElse(false);
            messages.add(new NewMessage(messages.isEmpty() ? id : QueueIds.next(), e.getKey(), envelope.senderText(),
                    e.getValue(), envelope.clientAddress(), envelope.heloName(), content, envelope.dsn()));
        }
        if (!messages.isEmpty()) {
            queue.enqueue(messages);
        }
        return new Stored(!messages.isEmpty(), deliversNow);
    }
}
