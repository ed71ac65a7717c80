package org.mxgate.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * mxgate's metrics in the application registry, exported by the server at {@code /metrics}
 * (Prometheus names get {@code _total} on counters and {@code _seconds} on timers):
 * <ul>
 * <li>{@code mxgate_accepted_total}: messages stored (a {@code 250} to DATA);</li>
 * <li>{@code mxgate_refused_total{reason}}: commands refused, by {@link Refusal};</li>
 * <li>{@code mxgate_delivered_total}, {@code mxgate_deferred_total}, {@code mxgate_bounced_total}:
 * recipients by the outcome of a delivery attempt (bounced: failed for good, a DSN is due);</li>
 * <li>{@code mxgate_data_reply_seconds}: from the end of DATA to its reply;
 * {@code mxgate_delivery_attempt_seconds}: one message's attempt on a connection;</li>
 * <li>{@code mxgate_sessions_open{listener}}: sessions open now;</li>
 * <li>per gateway (tag {@code gateway}): {@code mxgate_gateway_messages{state}},
 * {@code mxgate_gateway_backlog_bytes}, {@code mxgate_gateway_oldest_waiting_seconds},
 * {@code mxgate_gateway_next_hop_up} (1 up, 0 down, -1 not tried since start), replaced at each
 * {@link #gateways} call, so that a deleted gateway's gauges disappear.</li>
 * </ul>
 */
@ApplicationScoped
public class MailMetrics {

    static final String GATEWAY = "gateway";
    /** The gauges of each gateway, as last published. */
    private final Map<String, List<MetricID>> gatewayGauges = new ConcurrentHashMap<>();
    private volatile Map<String, GatewayQueue> queues = Map.of();

    @Inject
    MetricRegistry registry;

    private Counter accepted;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
    private Counter delivered;
    private Counter deferred;
    private Counter bounced;
    private Timer dataReply;
    private Timer deliveryAttempt;

    @jakarta.annotation.PostConstruct
    void register() {
        accepted = registry.counter(Metadata.builder().withName("mxgate_accepted")
                .withDescription("Messages stored, each answered 250 to DATA").build());
        for (Refusal r : Refusal.values()) {
            refused.put(r, registry.counter(Metadata.builder().withName("mxgate_refused")
                    .withDescription("SMTP commands refused (4xx or 5xx), by reason").build(), new Tag("reason", r.tag())));
        }
        delivered = registry.counter(Metadata.builder().withName("mxgate_delivered")
                .withDescription("Recipients accepted by the next hop").build());
        deferred = registry.counter(Metadata.builder().withName("mxgate_deferred")
                .withDescription("Recipients whose delivery attempt failed for now").build());
        bounced = registry.counter(Metadata.builder().withName("mxgate_bounced")
                .withDescription("Recipients failed for good (refused, or past the queue lifetime)").build());
        dataReply = registry.timer(Metadata.builder().withName("mxgate_data_reply")
                .withDescription("From the end of DATA to its reply (checks, storage, sync)").withUnit(MetricUnits.SECONDS)
                .build());
        deliveryAttempt = registry.timer(Metadata.builder().withName("mxgate_delivery_attempt")
                .withDescription("One message's delivery attempt on an open connection").withUnit(MetricUnits.SECONDS)
                .build());
    }

    public void accepted(int messages) {
        accepted.inc(messages);
    }

    public void refused(Refusal reason) {
        refused.get(reason).inc();
    }

    /** Recipients of one recorded attempt by outcome. */
    public void attempted(int deliveredRecipients, int deferredRecipients, int bouncedRecipients) {
        delivered.inc(deliveredRecipients);
        deferred.inc(deferredRecipients);
        bounced.inc(bouncedRecipients);
    }

    public void dataReplied(Duration took) {
        dataReply.update(took);
    }

    public void deliveryAttempted(Duration took) {
        deliveryAttempt.update(took);
    }

    /** Publishes {@code open} as the number of sessions open on {@code listener} (smtp, pop3, odmr). */
    public void sessions(String listener, Supplier<Integer> open) {
        registry.gauge(Metadata.builder().withName("mxgate_sessions_open")
                .withDescription("Sessions open now, by listener").build(), open, new Tag("listener", listener));
    }

    /**
     * Publishes the state of every gateway's queue (as it is now; gateways not in {@code now} lose
     * their gauges).
     */
    public synchronized void gateways(Map<String, GatewayQueue> now) {
        queues = Map.copyOf(now);
        Set<String> gone = new HashSet<>(gatewayGauges.keySet());
        gone.removeAll(now.keySet());
        for (String domain : gone) {
            gatewayGauges.remove(domain).forEach(registry::remove);
        }
        // a gateway's gauges are registered once and read the latest snapshot from then on
        now.forEach((domain, queue) -> gatewayGauges.computeIfAbsent(domain,
                d -> register(d, queue.messages().keySet())));
    }

    private List<MetricID> register(String domain, Set<String> states) {
        Tag gateway = new Tag(GATEWAY, domain);
        List<MetricID> ids = new java.util.ArrayList<>();
        for (String state : states) {
            Tag stateTag = new Tag("state", state);
            registry.gauge(Metadata.builder().withName("mxgate_gateway_messages")
                    .withDescription("Messages a gateway keeps, by state").build(),
                    () -> value(domain, q -> q.messages().getOrDefault(state, 0L)), gateway, stateTag);
            ids.add(new MetricID("mxgate_gateway_messages", gateway, stateTag));
        }
        registry.gauge(Metadata.builder().withName("mxgate_gateway_backlog_bytes")
                .withDescription("Bytes of a gateway's mail waiting for delivery").build(),
                () -> value(domain, GatewayQueue::backlogBytes), gateway);
        ids.add(new MetricID("mxgate_gateway_backlog_bytes", gateway));
        registry.gauge(Metadata.builder().withName("mxgate_gateway_oldest_waiting_seconds")
                .withDescription("Age of a gateway's oldest message waiting for delivery (0: none)").build(),
                () -> value(domain, q -> q.oldestWaiting() == null ? 0L : q.oldestWaiting().toSeconds()), gateway);
        ids.add(new MetricID("mxgate_gateway_oldest_waiting_seconds", gateway));
        registry.gauge(Metadata.builder().withName("mxgate_gateway_next_hop_up")
                .withDescription("1: the gateway's next hop took the last attempt; 0: it did not; -1: not tried since start")
                .build(), () -> value(domain, q -> q.nextHopUp() == null ? -1L : q.nextHopUp() ? 1L : 0L), gateway);
        ids.add(new MetricID("mxgate_gateway_next_hop_up", gateway));
        return ids;
    }

    private long value(String domain, java.util.function.ToLongFunction<GatewayQueue> of) {
        GatewayQueue q = queues.get(domain);
        return q == null ? 0 : of.applyAsLong(q);
    }
}
