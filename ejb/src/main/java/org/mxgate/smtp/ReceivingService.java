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
    QueueService queue;

    @Inject
    AutoGatewayService autoGateways;

    @Inject
    GatewaySettings settings;

    /**
     * Stores the message; true when any of it was kept (not when all its recipients were
     * confirmation replies). Whether it is due for delivery now is the queue's rule, not decided here.
     */
    public boolean store(String id, Envelope envelope, byte[] content) {
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
        for (Map.Entry<String, List<String>> e : byGateway.entrySet()) {
            messages.add(new NewMessage(messages.isEmpty() ? id : QueueIds.next(), e.getKey(), envelope.senderText(),
                    e.getValue(), envelope.clientAddress(), envelope.heloName(), content, envelope.dsn()));
        }
        if (!messages.isEmpty()) {
            queue.enqueue(messages);
        }
        return !messages.isEmpty();
    }
}
