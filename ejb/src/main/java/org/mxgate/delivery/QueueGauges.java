package org.mxgate.delivery;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.gateway.GatewayService;
import org.mxgate.metrics.GatewayQueue;
import org.mxgate.metrics.MailMetrics;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueueStatus;

/**
 * Every {@value #SECONDS} seconds, publishes each gateway's queue as metrics: one grouped query of
 * the mail kept, the list of gateways (a deleted one loses its gauges), and the next-hop states this
 * instance's deliveries found.
 */
@Startup
@Singleton
public class QueueGauges {

    static final int SECONDS = 15;
    private static final Logger LOG = Logger.getLogger(QueueGauges.class.getName());
    /** The states whose messages wait for delivery (the backlog). */
    private static final List<QueueStatus> WAITING = List.of(QueueStatus.QUEUED, QueueStatus.ACTIVE,
            QueueStatus.DEFERRED);

    @Resource
    TimerService timers;

    @EJB
    QueueAdmin queue;

    @EJB
    GatewayService gateways;

    @EJB
    QueueRunner runner;

    @Inject
    MailMetrics metrics;

    @Inject
    Clock clock;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(1000, SECONDS * 1000L, new TimerConfig("queue-gauges", false));
    }

    @Timeout
    void publish() {
        try {
            metrics.gateways(snapshot(gateways.domains(), queue.keptByGateway(), runner.nextHopStates(),
                    LocalDateTime.now(clock)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "queue gauges not published: " + e, e);
        }
    }

    /** Each gateway's queue from what it keeps by state and its next hop's state. */
    static Map<String, GatewayQueue> snapshot(List<String> domains, Map<String, Map<QueueStatus, QueueAdmin.Kept>> kept,
            Map<String, Boolean> nextHopUp, LocalDateTime now) {
        Map<String, GatewayQueue> queues = new HashMap<>();
        for (String domain : domains) {
            Map<QueueStatus, QueueAdmin.Kept> of = kept.getOrDefault(domain, Map.of());
            Map<String, Long> messages = new HashMap<>();
            for (QueueStatus status : List.of(QueueStatus.QUEUED, QueueStatus.ACTIVE, QueueStatus.DEFERRED,
                    QueueStatus.QUARANTINED)) {
                QueueAdmin.Kept k = of.get(status);
                messages.put(status.name().toLowerCase(Locale.ROOT), k == null ? 0 : k.messages());
            }
            long bytes = 0;
            LocalDateTime oldest = null;
            for (QueueStatus status : WAITING) {
                QueueAdmin.Kept k = of.get(status);
                if (k != null) {
                    bytes += k.bytes();
                    oldest = oldest == null || k.oldest() != null && k.oldest().isBefore(oldest) ? k.oldest() : oldest;
                }
            }
            Duration age = oldest == null ? null : Duration.between(oldest, now).isNegative() ? Duration.ZERO
                    : Duration.between(oldest, now);
            queues.put(domain, new GatewayQueue(messages, bytes, age, nextHopUp.get(domain)));
        }
        return queues;
    }
}
