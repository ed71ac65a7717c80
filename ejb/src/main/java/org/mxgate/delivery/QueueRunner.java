package org.mxgate.delivery;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
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
import org.mxgate.dns.DnsJavaMxResolver;
import org.mxgate.dns.HostSpec;
import org.mxgate.gateway.DeliveryMode;
import org.mxgate.mail.MessageBytes;
import org.mxgate.queue.AttemptResult;
import org.mxgate.queue.DeliveryJob;
import org.mxgate.queue.QueueService;
import org.mxgate.queue.RecipientResult;

/**
 * The queue manager: on a non-persistent interval timer, and whenever new mail arrives, it
 * claims due messages, groups them by next hop and hands each group to the delivery agent, at
 * most {@code mxgate.delivery.connections} connections at a time. Due times live in the
 * database, so a restart loses no schedule; on start this instance takes back what it had
 * claimed before a crash.
 */
@Startup
@DependsOn("StableStorage")
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueueRunner {

    private static final Logger LOG = Logger.getLogger(QueueRunner.class.getName());
    private static final int BATCH = 500;
    private static final Duration LEASE = Duration.ofMinutes(15);
    private static final int UNCONFIRMED_PER_CONNECTION = 4;
    private static final int PREFETCH = 20;
    private static final long PREFETCH_BYTES = 1 << 20;

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
    private final java.util.concurrent.atomic.AtomicLong completedRuns = new java.util.concurrent.atomic.AtomicLong();
    private ThreadPoolExecutor pool;
    private SmtpDeliveryAgent agent;
    private RoutePlanner routes;
    private Pacing pacing;
    private DownHosts downHosts;
    private OutcomeRecorder recorder;
    private java.util.concurrent.ExecutorService contentDropper;

    @PostConstruct
    void start() {
        int released = queue.releaseOwned(settings.instance());
        if (released > 0) {
            LOG.info("took back " + released + " message(s) this instance was delivering when it stopped");
        }
        pool = new ThreadPoolExecutor(settings.deliveryConnections(), settings.deliveryConnections(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
        // bytes of delivered messages are dropped on a thread of their own, off the recorder's path
        contentDropper = java.util.concurrent.Executors.newSingleThreadExecutor(threads);
        recorder = new OutcomeRecorder(queue::recordAttempts, queue::recordAttempt,
                ids -> contentDropper.execute(() -> queue.dropContent(ids)), threads);
        downHosts = new DownHosts(settings.retrySchedule().minimalBackoff(), clock);
        agent = new SmtpDeliveryAgent(settings.hostname(), Duration.ofSeconds(30), Duration.ofMinutes(5), downHosts,
                settings.deliveryTls() ? OpportunisticTls.context() : null);
        pacing = new Pacing(settings.deliveryConnections(), settings.messagesPerConnection());
        routes = new RoutePlanner(new DnsJavaMxResolver(settings.dnsServers(), Duration.ofSeconds(5)),
                Set.of(settings.hostname()), settings.publicAddresses());
        long interval = settings.queueRunInterval().toMillis();
        timers.createIntervalTimer(Math.min(interval, 1000), interval, new TimerConfig("queue-run", false));
    }

    /**
     * Stops delivering: connections under way are interrupted, the outcomes already known are
     * recorded, and what this instance had claimed goes back to the queue at once (not when the
     * lease runs out), for another instance or the next start.
     */
    @PreDestroy
    void stop() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        contentDropper.shutdown();
        recorder.stop();
        try {
            int released = queue.releaseOwned(settings.instance());
            if (released > 0) {
                LOG.info("gave back " + released + " message(s) that were being delivered");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not give back the messages being delivered (the next start does): " + e, e);
        }
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
        int expired = queue.expireCopies();
        if (expired > 0) {
            LOG.info(expired + " kept copy(ies) not collected within their retention failed");
        }
    }

    /** When the timer next starts a queue run, if it is scheduled. */
    public Optional<java.util.Date> nextRun() {
        return timers.getTimers().stream().map(jakarta.ejb.Timer::getNextTimeout).findFirst();
    }

    /**
     * How many queue runs this instance has finished since it started (each run attempts
     * everything that was due when it began); a caller that sees it grow by two knows that
     * whatever was due before has been tried.
     */
    public long completedRuns() {
        return completedRuns.get();
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
                completedRuns.incrementAndGet();
                running.set(false);
            }
        }
    }

    /** Delivers everything due, batch after batch. */
    private void sweep() {
        String owner = settings.instance();
        while (true) {
            List<DeliveryJob> jobs = queue.claimDue(BATCH, owner, LEASE);
            if (jobs.isEmpty()) {
                return;
            }
            List<Future<?>> running = deliver(jobs, owner);
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    // shutting down: what is claimed is taken back on the next start
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    LOG.log(Level.WARNING, "delivery failed: " + e.getCause(), e.getCause());
                }
            }
        }
    }

    /** Groups the jobs by next hop and starts their delivery within each gateway's pacing. */
    private List<Future<?>> deliver(List<DeliveryJob> jobs, String owner) {
        Map<String, List<DeliveryJob>> byHop = new LinkedHashMap<>();
        for (DeliveryJob job : jobs) {
            byHop.computeIfAbsent(job.routeKey(), h -> new ArrayList<>()).add(job);
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<DeliveryJob> group : byHop.values()) {
            DeliveryJob first = group.get(0);
            Pacing limits = Pacing.of(first.maxConnections(), first.messagesPerConnection(), pacing);
            for (List<DeliveryJob> part : limits.spread(group)) {
                running.add(pool.submit(() -> {
                    ConnectionOutcomes outcomes = new ConnectionOutcomes(owner, part);
                    try {
                        agent.deliver(route(part.get(0)), part, limits.messagesPerConnection(), outcomes);
                    } finally {
                        outcomes.awaitAll();
                    }
                }));
            }
        }
        return running;
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

    /**
     * Where one connection's outcomes go. A connection sends on while at most
     * {@value #UNCONFIRMED_PER_CONNECTION} of its outcomes wait for their commit, so commits
     * gather more outcomes each, and a crash can leave at most that many messages per
     * connection delivered but unrecorded (sent again after a restart).
     */
    private final class ConnectionOutcomes implements SmtpDeliveryAgent.Outcomes {
        private final String owner;
        private final List<DeliveryJob> jobs;
        private final Map<String, MessageBytes> loaded = new java.util.HashMap<>();
        private final java.util.ArrayDeque<java.util.concurrent.CompletableFuture<Void>> unconfirmed =
                new java.util.ArrayDeque<>();

        /** @param jobs the jobs this connection sends, in order, whose bytes are loaded a few at a time */
        ConnectionOutcomes(String owner, List<DeliveryJob> jobs) {
            this.owner = owner;
            this.jobs = jobs;
        }

        @Override
        public Optional<MessageBytes> content(String id) {
            if (!loaded.containsKey(id)) {
                loaded.clear();
                loaded.put(id, null);
                loaded.putAll(queue.contents(prefetch(id)));
            }
            return Optional.ofNullable(loaded.remove(id));
        }

        /** {@code id} and the jobs after it, up to {@value #PREFETCH} of them or about a megabyte. */
        private List<String> prefetch(String id) {
            List<String> ids = new ArrayList<>();
            long bytes = 0;
            boolean found = false;
            for (DeliveryJob job : jobs) {
                found |= job.id().equals(id);
                if (found) {
                    ids.add(job.id());
                    bytes += job.size();
                    if (ids.size() == PREFETCH || bytes >= PREFETCH_BYTES) {
                        break;
                    }
                }
            }
            return ids.isEmpty() ? List.of(id) : ids;
        }

        @Override
        public void record(DeliveryJob job, String relay, List<RecipientResult> results, String error,
                boolean dsnPassedOn) {
            unconfirmed.add(recorder.submit(new AttemptResult(job.id(), owner, relay, results, error, dsnPassedOn)));
            while (unconfirmed.size() > UNCONFIRMED_PER_CONNECTION) {
                OutcomeRecorder.await(unconfirmed.poll());
            }
        }

        /** Waits until every outcome of this connection is committed. */
        void awaitAll() {
            while (!unconfirmed.isEmpty()) {
                OutcomeRecorder.await(unconfirmed.poll());
            }
        }
    }
}
