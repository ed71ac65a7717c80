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
import org.mxgate.delivery.QueueRunner;
import org.mxgate.gateway.GatewayService;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Envelope;
import org.mxgate.mail.MessageBytes;
import org.mxgate.queue.Enqueued;
import org.mxgate.queue.MessageKind;
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
    GatewayService gateways;

    @Inject
    AutoGatewayService autoGateways;

    @Inject
    GatewaySettings settings;

    /**
     * A message received completely, to be stored under {@code id}; with {@code quarantine}, the
     * reason the content filter holds it (null: it goes as usual); {@code checks}: the header
     * fields the checks added (SPF, scanners), kept with it for the record.
     */
    public record Incoming(String id, Envelope envelope, MessageBytes content, String quarantine, List<String> checks) {
    }

    /**
     * What storing several messages in one transaction did: for each, whether any of it was kept;
     * whether any of them is due now and left for a queue run, the gateways with a quota they were
     * stored for, and the messages claimed for delivery by this instance as they were stored.
     */
    public record StoredAll(List<Boolean> queued, boolean dueNow, List<String> withQuota,
            List<Enqueued.Claimed> claimed) {
    }

    /**
     * Stores several messages in one transaction (one commit for the messages of many sessions):
     * all of them or, if anything fails, none. With {@code claim}, those due at once are claimed
     * for this instance's delivery in the same transaction.
     */
    public StoredAll storeAll(List<Incoming> incoming, boolean claim) {
        List<NewMessage> all = new ArrayList<>();
        List<Boolean> queued = new ArrayList<>(incoming.size());
        for (Incoming in : incoming) {
            List<NewMessage> messages = messagesOf(in.id(), in.envelope(), in.content(), in.quarantine(),
                    String.join("\n", in.checks()));
            queued.add(!messages.isEmpty());
            all.addAll(messages);
        }
        if (all.isEmpty()) {
            return new StoredAll(queued, false, List.of(), List.of());
        }
        Enqueued enqueued = claim ? queue.enqueue(all, settings.instance(), QueueRunner.LEASE) : queue.enqueue(all);
        return new StoredAll(queued, enqueued.dueNow(), enqueued.withQuota(), enqueued.claimed());
    }

    /** The queued messages one received message becomes: one per gateway, one for the operator. */
    private List<NewMessage> messagesOf(String id, Envelope envelope, MessageBytes content, String quarantine,
            String checks) {
        Map<String, List<String>> byGateway = new LinkedHashMap<>();
        boolean forOperator = false;
        EmailAddress postmaster = settings.postmaster();
        for (EmailAddress r : envelope.recipients()) {
            if (settings.isPostmaster(r) && gateways.find(postmaster.domainKey()).isEmpty()) {
                // RFC 5321 §4.5.1: passed on to the operator, by the MX hosts of that address
                forOperator = true;
                continue;
            }
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
                    e.getValue(), envelope.clientAddress(), envelope.heloName(), content, envelope.dsn(), MessageKind.MAIL,
                    quarantine, checks));
        }
        if (forOperator) {
            messages.add(new NewMessage(messages.isEmpty() ? id : QueueIds.next(), postmaster.domainKey(),
                    envelope.senderText(), List.of(postmaster.toString()), envelope.clientAddress(), envelope.heloName(),
                    content, envelope.dsn(), MessageKind.OPERATOR, quarantine, checks));
        }
        return messages;
    }
}
