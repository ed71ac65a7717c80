package org.mxgate.smtp;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;
import org.mxgate.config.ServerTls;
import org.mxgate.delivery.QueueRunner;
import org.mxgate.dns.AddressRanges;
import org.mxgate.dequeue.DequeueService;
import org.mxgate.gateway.SenderAccounts;
import org.mxgate.limit.LoginGuard;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Envelope;
import org.mxgate.mail.MessageBytes;
import org.mxgate.mail.ReceivedMessage;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;
import org.mxgate.mail.Verdict;
import org.mxgate.metrics.MailMetrics;
import org.mxgate.metrics.Refusal;
import org.mxgate.policy.CheckPipeline.Stage;
import org.mxgate.policy.CheckPipeline;
import org.mxgate.queue.Spool;
import org.mxgate.queue.StableStorage;
import org.mxgate.queue.StorageSpace;
import org.mxgate.report.QuotaWarnings;
import org.mxgate.smtp.protocol.MailReceiver;
import org.mxgate.smtp.protocol.SmtpLimits;
import org.mxgate.smtp.protocol.SmtpServerFactory;
import org.subethamail.smtp.server.SMTPServer;

/** Runs the SMTP listener for as long as the application is deployed. */
@Startup
@Singleton
@DependsOn({"StableStorage", "QueueRunner"})
public class SmtpListener {

    private static final Logger LOG = Logger.getLogger(SmtpListener.class.getName());
    private static final Duration DATA_TIMEOUT = Duration.ofMinutes(10);
    /** How long a stop waits for messages being stored to get their reply (the whole stop takes at most 10 s). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(4);
    /** The most messages stored in one transaction. */
    private static final int MAX_BATCH = 64;
    /** The most bytes of messages stored in one transaction, past its first message. */
    private static final long MAX_BATCH_BYTES = 32L << 20;

    @Inject
    GatewaySettings settings;

    @EJB
    ReceivingService receiving;

    @EJB
    CheckPipeline checks;

    @EJB
    QueueRunner runner;

    @EJB
    QuotaWarnings quotaWarnings;

    @EJB
    DequeueService dequeue;

    @EJB
    StableStorage storage;

    @EJB
    SenderAccounts senderAccounts;

    @Inject
    Clock clock;

    @Inject
    Spool spool;

    @Inject
    StorageSpace space;

    @Inject
    ServerTls tls;

    @Inject
    MailMetrics metrics;

    @Inject
    ListenerState state;

    @Resource
    ManagedThreadFactory threads;

    private SMTPServer server;
    private StoreBatcher<ReceivingService.Incoming, Boolean> batcher;
    private Thread writer;
    private Thread finisher;
    private Set<Stage> stagesChecked;
    /** AUTH on the SMTP port: the same guard as the collection listeners' logins. */
    private LoginGuard loginGuard;

    @PostConstruct
    void start() {
        loginGuard = new LoginGuard(clock);
        SmtpLimits limits = new SmtpLimits(settings.hostname(), settings.maxMessageSize(), settings.maxRecipients(),
                DATA_TIMEOUT, settings.postmaster(), spool.incoming(), new SmtpLimits.ErrorLimit(
                        settings.errorSoftLimit(), settings.errorHardLimit(), settings.errorDelay()),
                new SmtpLimits.ClientLimit(settings.sessionsPerClient(), settings.sessionTimeLimit(),
                        settings.trustedNetworks(), settings.connectionRateLimit(), settings.recipientRateLimit(),
                        settings.greetingDelay()),
                settings.plaintextLoginAlways() ? AddressRanges.parse("0.0.0.0/0, ::/0").orElseThrow()
                        : SmtpLimits.LOOPBACK);
        // SMTPServer.stop() shuts its executor down, so it gets one of its own, on container threads.
        // Sessions past the limit still need a thread to be told 421, so the pool is a little larger.
        int poolSize = settings.smtpMaxSessions() + 20;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(poolSize, poolSize, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        stagesChecked = checks.stagesChecked();
        // made here, on a container thread: on Payara Server a CDI bean first used on a
        // SubEthaSMTP thread comes up without its injections (MAIL asks it for free space)
        space.isLow();
        batcher = new StoreBatcher<>(this::storeTogether, in -> in.content().size(), MAX_BATCH, MAX_BATCH_BYTES);
        writer = threads.newThread(batcher::run);
        writer.setName("mxgate-store-writer");
        writer.start();
        finisher = threads.newThread(batcher::runFinisher);
        finisher.setName("mxgate-store-finisher");
        finisher.start();
        MailReceiver receiver = new MailReceiver() {
            @Override
            public Verdict connect(String client) {
                return checked(Stage.CONNECT, () -> "connect from [" + client + "]", () -> checks.connect(client));
            }

            @Override
            public Verdict helo(String client, String heloName) {
                return checked(Stage.HELO, () -> "HELO from [" + client + "]", () -> checks.helo(client, heloName));
            }

            @Override
            public Verdict sender(String client, EmailAddress sender, String authenticated) {
                try {
                    // through the pipeline's EJB: beans it creates get their injections in its context
                    return checks.sender(client, sender, authenticated);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "sender check of MAIL from [" + client + "] failed: " + e, e);
                    return Verdict.defer(SmtpReplies.SYSTEM_ERROR);
                }
            }

            @Override
            public Optional<String> authenticate(String user, String password, String client) {
                try {
                    return loginGuard.attempt(client, () -> senderAccounts.login(user, password));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "AUTH from [" + client + "] failed: " + e, e);
                    return Optional.empty();
                }
            }

            @Override
            public Verdict mail(String client, String heloName, EmailAddress sender) {
                return checked(Stage.MAIL, () -> "MAIL from [" + client + "]",
                        () -> checks.mail(client, heloName, sender));
            }

            @Override
            public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
                return recipient(client, sender, recipient, null);
            }

            @Override
            public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient,
                    String authenticated) {
                return checked(Stage.RECIPIENT, () -> "RCPT from [" + client + "]",
                        () -> checks.recipient(client, sender, recipient, authenticated));
            }

            @Override
            public Verdict data(Envelope envelope, ReceivedMessage message) {
                return checked(Stage.DATA, () -> "DATA from [" + envelope.clientAddress() + "]",
                        () -> checks.data(envelope, message));
            }

            @Override
            public boolean store(String id, Envelope envelope, MessageBytes content, Verdict verdict) throws Exception {
                return batcher.store(new ReceivingService.Incoming(id, envelope, content, verdict.quarantine(),
                        verdict.headerFields()));
            }

            @Override
            public Optional<Room> reserve(long size) {
                return space.reserve(size).map(r -> new Room() {
                    @Override
                    public boolean cover(long bytes) {
                        return r.cover(bytes);
                    }

                    @Override
                    public void close() {
                        r.close();
                    }
                });
            }

            @Override
            public void limited() {
                metrics.refused(Refusal.LIMIT);
            }

            @Override
            public void replied(Duration took) {
                metrics.dataReplied(took);
            }

            @Override
            public void sentMail(String client) {
                dequeue.releaseOnContact(client);
            }

            @Override
            public SmtpReply etrn(String argument, String client, String authenticated) {
                try {
                    return dequeue.etrn(argument, client, authenticated);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "ETRN " + argument.strip() + " from [" + client + "] failed: " + e, e);
                    return SmtpReplies.ETRN_FAILED;
                }
            }
        };
        server = SmtpServerFactory.build(bindAddress(), settings.smtpPort(), settings.smtpMaxSessions(), limits,
                receiver, tls.resolved(), executor);
        server.start();
        SMTPServer started = server;
        metrics.sessions("smtp", () -> SmtpServerFactory.open(started));
        state.set(true);
        LOG.info("SMTP checks, in order: " + String.join(", ", checks.names()) + "; at " + stagesChecked);
        LOG.info("SMTP listener on " + settings.smtpBind() + ":" + server.getPortAllocated() + " as "
                + limits.hostname() + ", messages up to " + limits.maxMessageSize() + " bytes");
    }

    /**
     * Stores messages of several sessions in one transaction (committed when this returns), and
     * returns what finishes them, run by the batcher on its second thread: the 250 they get after
     * that means stable storage, the commit synced to the device. Then mail due at once goes to
     * delivery straight from there, while delivery takes it (else a queue run takes it from the
     * store). The finish returns for each whether any of it was queued.
     */
    private Supplier<List<Boolean>> storeTogether(List<ReceivingService.Incoming> incoming) {
        ReceivingService.StoredAll stored = receiving.storeAll(incoming, runner.takesStored());
        // marked here, committed: the sync that one batch waits for also covers those stored after it
        long committed = storage.committed();
        return () -> {
            storage.awaitStable(committed);
            metrics.accepted(incoming.size());
            try {
                // stable now: what follows can no longer cost a message its 250
                runner.deliverStored(stored.claimed());
                if (stored.dueNow()) {
                    runner.kick();
                }
                if (!stored.withQuota().isEmpty()) {
                    quotaWarnings.afterStore(stored.withQuota());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "after storing " + incoming.size() + " message(s): " + e, e);
            }
            return stored.queued();
        };
    }

    /**
     * The checks' verdict at {@code stage}, or an accept without asking where no check looks; a
     * check that fails (the database is down, say) defers the mail: the client tries again.
     */
    private Verdict checked(Stage stage, Supplier<String> what, Supplier<Verdict> verdict) {
        if (!stagesChecked.contains(stage)) {
            return Verdict.accept();
        }
        try {
            return verdict.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "checks of " + what.get() + " failed: " + e, e);
            return Verdict.defer(SmtpReplies.SYSTEM_ERROR);
        }
    }

    @PreDestroy
    void stop() {
        state.set(false);
        if (server != null) {
            int told = SmtpServerFactory.stop(server, STOP_GRACE);
            LOG.info("SMTP listener stopped; " + told + " open session(s) told 421 4.3.2");
        }
        if (batcher != null) {
            batcher.stop();
            try {
                writer.join(2000);
                finisher.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private InetAddress bindAddress() {
        try {
            return InetAddress.getByName(settings.smtpBind());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("mxgate.smtp.bind: cannot resolve " + settings.smtpBind(), e);
        }
    }
}
