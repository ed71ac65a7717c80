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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;
import org.mxgate.mail.MessageBytes;
import org.mxgate.queue.AttemptResult;
import org.mxgate.queue.DeliveryJob;
import org.mxgate.queue.Enqueued;
import org.mxgate.queue.QueueService;
import org.mxgate.metrics.MailMetrics;
import org.mxgate.queue.RecipientResult;
import org.mxgate.queue.RecipientStatus;
import org.mxgate.queue.StableStorage;
import org.mxgate.verify.RecipientVerifier;
import org.mxgate.verify.VerificationStore;

/**
 * The queue manager: on a non-persistent interval timer, and whenever new mail arrives, it
 * claims due messages and queues them by next hop ({@link HopQueues}), each hop served by at most
 * its pacing's connections, at most {@code mxgate.delivery.connections} at a time in all. Mail
 * due at once is claimed in the transaction that stores it and handed over with its bytes
 * ({@link #deliverStored}), while less than {@value #HANDED_BYTES} bytes of it wait; it needs no
 * query and no read before it goes. Due times live in the database, so a restart loses no
 * schedule; on start this instance takes back what it had claimed before a crash.
 */
@Startup
@DependsOn("StableStorage")
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueueRunner {

    private static final Logger LOG = Logger.getLogger(QueueRunner.class.getName());
    private static final int BATCH = 500;
    /** How long a claim holds before another instance (or a queue run here) may take the message. */
    public static final Duration LEASE = Duration.ofMinutes(15);
    /** How long a connection that has sent all it had waits for more before it quits. */
    private static final Duration LINGER = Duration.ofMillis(200);
    /** The most bytes of mail just stored that wait in memory for their connection. */
    private static final long HANDED_BYTES = 32L << 20;
    private static final int UNCONFIRMED_PER_CONNECTION = 4;
    private static final int PREFETCH = 20;
    private static final long PREFETCH_BYTES = 1 << 20;

    @Resource
    TimerService timers;

    @Resource
    ManagedThreadFactory threads;

    @EJB
    QueueService queue;

    @EJB
    StableStorage storage;

    @EJB
    VerificationStore verification;

    @Inject
    RecipientVerifier verifier;

    @Inject
    GatewaySettings settings;

    @Inject
    Clock clock;

    @Inject
    MailMetrics metrics;

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
    private HopQueues<Job> hops;
    private final java.util.concurrent.atomic.AtomicLong handedBytes = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean stopping;
    /** When the last queue run that went through without an error ended, and when the one under way began. */
    private volatile java.time.Instant lastRunEnded;
    private volatile java.time.Instant runStarted;
    /** Per gateway: whether its next hop took this instance's last attempt (true) or deferred it. */
    private final Map<String, Boolean> nextHopUp = new java.util.concurrent.ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        int released = queue.releaseOwned(settings.instance());
        if (released > 0) {
            LOG.info("took back " + released + " message(s) this instance was delivering when it stopped");
        }
        pool = new ThreadPoolExecutor(settings.deliveryConnections(), settings.deliveryConnections(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
        hops = new HopQueues<>(pool, this::send, LINGER);
        // bytes of delivered messages are dropped on a thread of their own, off the recorder's path
        contentDropper = java.util.concurrent.Executors.newSingleThreadExecutor(threads);
        // outcomes are written at once (not after H2's write delay): one lost would send its message again
        recorder = new OutcomeRecorder(attempts -> {
            List<String> delivered = queue.recordAttempts(attempts);
            storage.write();
            return delivered;
        }, attempt -> {
            queue.recordAttempt(attempt);
            storage.write();
        },
                ids -> contentDropper.execute(() -> queue.dropContent(ids)), threads);
        downHosts = new DownHosts(settings.retrySchedule().minimalBackoff(), clock);
        agent = new SmtpDeliveryAgent(settings.hostname(), Duration.ofSeconds(30), Duration.ofMinutes(5), downHosts,
                settings.deliveryTls() ? OpportunisticTls.context() : null);
        pacing = new Pacing(settings.deliveryConnections(), settings.messagesPerConnection());
        routes = RoutePlanner.of(settings);
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
        stopping = true;
        hops.stop();
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
        LocalDateTime quarantineCutoff = LocalDateTime.now(clock).minus(settings.quarantineRetention());
        int dropped = queue.purgeQuarantine(quarantineCutoff, 500);
        if (dropped > 0) {
            LOG.info("deleted " + dropped + " quarantined message(s) received before " + quarantineCutoff);
        }
        int expired = queue.expireCopies();
        if (expired > 0) {
            LOG.info(expired + " kept copy(ies) not collected within their retention failed");
        }
        int stale = verification.purge();
        if (stale > 0) {
            LOG.info("forgot " + stale + " recipient verification answer(s) past their keeping time");
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

    /**
     * Whether the queue runner works: a run went through without an error within {@code recent},
     * or the one under way began within the lease (a run that takes longer is stuck).
     */
    public boolean ranRecently(Duration recent) {
        java.time.Instant now = clock.instant();
        java.time.Instant ended = lastRunEnded;
        java.time.Instant started = runStarted;
        return ended != null && !ended.isBefore(now.minus(recent))
                || started != null && !started.isBefore(now.minus(LEASE));
    }

    /** Per gateway tried since this instance started: whether its next hop took the last attempt. */
    public Map<String, Boolean> nextHopStates() {
        return Map.copyOf(nextHopUp);
    }

    /** A deleted gateway's next-hop state goes with it (on the instance that deleted it; the others keep a few bytes). */
    public void deleted(@jakarta.enterprise.event.Observes org.mxgate.gateway.GatewayDeleted event) {
        nextHopUp.remove(event.domain());
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
                runStarted = clock.instant();
                sweep();
                lastRunEnded = clock.instant();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "queue run failed: " + e, e);
            } finally {
                runStarted = null;
                completedRuns.incrementAndGet();
                running.set(false);
            }
        }
    }

    /** Delivers everything due, batch after batch, each batch sent before the next is claimed. */
    private void sweep() {
        String owner = settings.instance();
        while (true) {
            List<DeliveryJob> jobs = queue.claimDue(BATCH, owner, LEASE);
            if (jobs.isEmpty()) {
                return;
            }
            CountDownLatch sent = new CountDownLatch(jobs.size());
            try {
                queueByHop(jobs.stream().map(job -> new Job(job, null, sent)).toList());
                while (!sent.await(1, TimeUnit.SECONDS)) {
                    if (stopping) {
                        return; // what is claimed is given back by the stop
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RejectedExecutionException e) {
                return; // stopping
            }
        }
    }

    /**
     * Whether delivery takes mail just stored straight from the receiving side now: while the bytes
     * handed over and not yet sent stay under {@value #HANDED_BYTES} (otherwise new mail waits in the
     * queue for a queue run, and memory stays bounded).
     */
    public boolean takesStored() {
        return !stopping && handedBytes.get() < HANDED_BYTES;
    }

    /**
     * Delivers messages that were claimed for this instance in the transaction that stored them,
     * with their bytes as received: no query and no read of the store before they go. Never
     * throws: a message it cannot take stays claimed until the stop or the lease gives it back.
     */
    public void deliverStored(List<Enqueued.Claimed> stored) {
        if (stored.isEmpty()) {
            return;
        }
        List<Job> jobs = stored.stream().map(c -> new Job(c.job(), c.content(), null)).toList();
        try {
            queueByHop(jobs);
        } catch (RuntimeException e) {
            jobs.forEach(Job::done);
            LOG.log(Level.WARNING, "could not take " + stored.size() + " message(s) for delivery (the queue keeps them): " + e);
        }
    }

    /**
     * One message to send: its bytes if they came with it, and the queue run waiting for it if
     * any. It is done once its outcome is committed, or its connection ended without one.
     */
    private final class Job {
        final DeliveryJob job;
        final MessageBytes content;
        private final CountDownLatch sent;
        private final AtomicBoolean done = new AtomicBoolean();

        Job(DeliveryJob job, MessageBytes content, CountDownLatch sent) {
            this.job = job;
            this.content = content;
            this.sent = sent;
            if (content != null) {
                handedBytes.addAndGet(content.size());
            }
        }

        void done() {
            if (done.compareAndSet(false, true)) {
                if (content != null) {
                    handedBytes.addAndGet(-content.size());
                }
                if (sent != null) {
                    sent.countDown();
                }
            }
        }
    }

    /** Queues the jobs by next hop, each hop within its gateway's pacing. */
    private void queueByHop(List<Job> jobs) {
        Map<String, List<Job>> byHop = new LinkedHashMap<>();
        for (Job job : jobs) {
            byHop.computeIfAbsent(job.job.routeKey(), h -> new ArrayList<>()).add(job);
        }
        for (Map.Entry<String, List<Job>> hop : byHop.entrySet()) {
            DeliveryJob first = hop.getValue().get(0).job;
            hops.add(hop.getKey(), Pacing.of(first.maxConnections(), first.messagesPerConnection(), pacing),
                    hop.getValue());
        }
    }

    /**
     * Sends one connection's jobs (all to one hop), first and then what {@code more} gives, and
     * waits until their outcomes are committed.
     */
    private void send(List<Job> first, Supplier<List<Job>> more) {
        ConnectionOutcomes outcomes = new ConnectionOutcomes(settings.instance());
        try {
            // taken on before the route is planned: should that throw, the jobs are still done
            List<DeliveryJob> jobs = outcomes.add(first);
            agent.deliver(route(first.get(0).job), jobs, () -> outcomes.add(more.get()), outcomes);
        } finally {
            outcomes.awaitAll();
        }
    }

    private Route route(DeliveryJob job) {
        return routes.of(job.mode(), job.gatewayDomain(), job.routeDomain(), job.host(), job.port(),
                settings.deliveryPort());
    }

    /**
     * Where one connection's outcomes go. A connection sends on while at most
     * {@value #UNCONFIRMED_PER_CONNECTION} of its outcomes wait for their commit, so commits
     * gather more outcomes each, and a crash can leave at most that many messages per
     * connection delivered but unrecorded (sent again after a restart).
     */
    private final class ConnectionOutcomes implements SmtpDeliveryAgent.Outcomes {
        private final String owner;
        /** The jobs this connection has taken, in order; bytes that did not come with them are loaded a few at a time. */
        private final List<Job> jobs = new ArrayList<>();
        private final Map<String, Job> byId = new java.util.HashMap<>();
        private final Map<String, MessageBytes> loaded = new java.util.HashMap<>();
        private final java.util.ArrayDeque<java.util.concurrent.CompletableFuture<Void>> unconfirmed =
                new java.util.ArrayDeque<>();

        /** When the attempt now under way began: the connection's start, then each outcome's. */
        private long attemptStarted = System.nanoTime();

        ConnectionOutcomes(String owner) {
            this.owner = owner;
        }

        /** Takes on more jobs for this connection; returns them as the agent sees them. */
        List<DeliveryJob> add(List<Job> more) {
            jobs.addAll(more);
            more.forEach(job -> byId.put(job.job.id(), job));
            return more.stream().map(job -> job.job).toList();
        }

        @Override
        public Optional<MessageBytes> content(String id) {
            Job job = byId.get(id);
            if (job != null && job.content != null) {
                return Optional.of(job.content);
            }
            if (!loaded.containsKey(id)) {
                loaded.clear();
                loaded.put(id, null);
                loaded.putAll(queue.contents(prefetch(id)));
            }
            return Optional.ofNullable(loaded.remove(id));
        }

        /** {@code id} and the jobs after it without bytes, up to {@value #PREFETCH} of them or about a megabyte. */
        private List<String> prefetch(String id) {
            List<String> ids = new ArrayList<>();
            long bytes = 0;
            boolean found = false;
            for (Job job : jobs) {
                found |= job.job.id().equals(id);
                if (found && job.content == null) {
                    ids.add(job.job.id());
                    bytes += job.job.size();
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
            long now = System.nanoTime();
            metrics.deliveryAttempted(Duration.ofNanos(now - attemptStarted));
            attemptStarted = now;
            nextHopUp.put(job.gatewayDomain(), results.stream().noneMatch(r -> r.status() == RecipientStatus.PENDING));
            for (RecipientResult r : results) {
                if (r.status() == RecipientStatus.DELIVERED) {
                    verifier.delivered(job.gatewayDomain(), r.address(), true);
                } else if (r.status() == RecipientStatus.FAILED && r.reply() != null && r.reply().contains("5.1.1")) {
                    verifier.delivered(job.gatewayDomain(), r.address(), false);
                }
            }
            java.util.concurrent.CompletableFuture<Void> committed = recorder.submit(
                    new AttemptResult(job.id(), owner, relay, results, error, dsnPassedOn));
            Job taken = byId.remove(job.id());
            if (taken != null) {
                jobs.remove(taken);
                committed.whenComplete((ok, failed) -> taken.done());
            }
            unconfirmed.add(committed);
            while (unconfirmed.size() > UNCONFIRMED_PER_CONNECTION) {
                OutcomeRecorder.await(unconfirmed.poll());
            }
        }

        /** Waits until every outcome of this connection is committed; jobs left without one are done too. */
        void awaitAll() {
            while (!unconfirmed.isEmpty()) {
                OutcomeRecorder.await(unconfirmed.poll());
            }
            byId.values().forEach(Job::done);
        }
    }
}
