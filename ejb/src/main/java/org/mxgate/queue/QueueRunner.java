package org.mxgate.queue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;
import org.mxgate.delivery.DownHosts;
import org.mxgate.delivery.HostSpec;
import org.mxgate.delivery.Route;
import org.mxgate.delivery.RoutePlanner;
import org.mxgate.delivery.SmtpDeliveryAgent;
import org.mxgate.gateway.DeliveryMode;
import org.mxgate.dns.DnsJavaMxResolver;

/**
 * The queue manager: on a non-persistent interval timer, and whenever new mail arrives, it
 * claims due messages, groups them by next hop and hands each group to the delivery agent, at
 * most {@code mxgate.delivery.connections} connections at a time. Due times live in the
 * database, so a restart loses no schedule; on start this instance takes back what it had
 * claimed before a crash.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueueRunner {

    private static final Logger LOG = Logger.getLogger(QueueRunner.class.getName());
    private static final int BATCH = 500;
    private static final Duration LEASE = Duration.ofMinutes(15);

    @Resource
    TimerService timers;

    @Resource
    ManagedThreadFactory threads;

    @EJB
    QueueService queue;

    @Inject
    GatewaySettings settings;

    @Inject
    Clock clock;

    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long lastPurge;
    private final AtomicBoolean again = new AtomicBoolean();
    private ThreadPoolExecutor pool;
    private SmtpDeliveryAgent agent;
    private RoutePlanner routes;
    private Pacing pacing;
    private DownHosts downHosts;
    private OutcomeRecorder recorder;

    @PostConstruct
    void start() {
        int released = queue.releaseOwned(settings.instance());
        if (released > 0) {
            LOG.info("took back " + released + " message(s) this instance was delivering when it stopped");
        }
        pool = new ThreadPoolExecutor(settings.deliveryConnections(), settings.deliveryConnections(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
        recorder = new OutcomeRecorder(queue::recordAttempts, queue::recordAttempt, threads);
        downHosts = new DownHosts(settings.retrySchedule().minimalBackoff(), clock);
        agent = new SmtpDeliveryAgent(settings.hostname(), Duration.ofSeconds(30), Duration.ofMinutes(5), downHosts);
        pacing = new Pacing(settings.deliveryConnections(), settings.messagesPerConnection());
        routes = new RoutePlanner(new DnsJavaMxResolver(settings.dnsServers(), Duration.ofSeconds(5)),
                Set.of(settings.hostname()), settings.publicAddresses());
        long interval = settings.queueRunInterval().toMillis();
        timers.createIntervalTimer(Math.min(interval, 1000), interval, new TimerConfig("queue-run", false));
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
        recorder.stop();
    }

    @Timeout
    void onTimer() {
        queue.releaseExpired();
        try {
            settings.delayWarning().ifPresent(after -> queue.warnDelayed(after, 500));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delay warnings failed: " + e, e);
        }
        run();
        purgeHistory();
    }

    /** At most once an hour: forgets delivered and failed messages older than the retention. */
    private void purgeHistory() {
        long now = clock.millis();
        if (now - lastPurge < PURGE_INTERVAL.toMillis()) {
            return;
        }
        lastPurge = now;
        LocalDateTime cutoff = LocalDateTime.now(clock).minus(settings.historyRetention());
        int purged = 0;
        int batch;
        do {
            batch = queue.purgeHistory(cutoff, 500);
            purged += batch;
        } while (batch == 500);
        if (purged > 0) {
            LOG.info("forgot " + purged + " delivered or failed message(s) received before " + cutoff);
        }
    }

    /** When the timer next starts a queue run, if it is scheduled. */
    public Optional<java.util.Date> nextRun() {
        return timers.getTimers().stream().map(jakarta.ejb.Timer::getNextTimeout).findFirst();
    }

    /** Starts a queue run now, trying again the hosts recently found down (an operator's flush). */
    @Asynchronous
    public void flush() {
        downHosts.forgetAll();
        run();
    }

    /** Starts a queue run soon, without waiting for the timer. */
    @Asynchronous
    public void kick() {
        run();
    }

    /** Runs the queue unless a run is under way, in which case that run goes round once more. */
    void run() {
        again.set(true);
        while (again.get() && running.compareAndSet(false, true)) {
            try {
                again.set(false);
                sweep();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "queue run failed: " + e, e);
            } finally {
                running.set(false);
            }
        }
    }

    private void sweep() {
        String owner = settings.instance();
        while (true) {
            List<DeliveryJob> jobs = queue.claimDue(BATCH, owner, LEASE);
            if (jobs.isEmpty()) {
                return;
            }
            Map<String, List<DeliveryJob>> byHop = new LinkedHashMap<>();
            for (DeliveryJob job : jobs) {
                byHop.computeIfAbsent(job.routeKey(), h -> new ArrayList<>()).add(job);
            }
            List<Future<?>> running = new ArrayList<>();
            for (List<DeliveryJob> group : byHop.values()) {
                DeliveryJob first = group.get(0);
                Pacing limits = Pacing.of(first.maxConnections(), first.messagesPerConnection(), pacing);
                for (List<DeliveryJob> part : limits.spread(group)) {
                    running.add(pool.submit(() -> agent.deliver(route(part.get(0)), part,
                            limits.messagesPerConnection(), outcomes(owner))));
                }
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    LOG.log(Level.WARNING, "delivery failed: " + e.getCause(), e.getCause());
                }
            }
        }
    }

    private Route route(DeliveryJob job) {
        if (job.mode() != DeliveryMode.FORWARD) {
            // MX hosts listen on the SMTP port; a forward port belongs to FORWARD only
            return routes.viaMx(job.routeDomain(), settings.deliveryPort());
        }
        int port = job.port() != null ? job.port() : settings.deliveryPort();
        return HostSpec.parseList(job.host()).map(hosts -> routes.forward(hosts, port))
                .orElse(new Route.Defer("4.3.5 gateway " + job.gatewayDomain() + " has no valid forward host"));
    }

    private SmtpDeliveryAgent.Outcomes outcomes(String owner) {
        return new SmtpDeliveryAgent.Outcomes() {
            @Override
            public Optional<byte[]> content(String id) {
                return queue.content(id);
            }

            @Override
            public void record(DeliveryJob job, String relay, List<RecipientResult> results, String error,
                    boolean dsnPassedOn) {
                recorder.record(new AttemptResult(job.id(), owner, relay, results, error, dsnPassedOn));
            }
        };
    }
}
