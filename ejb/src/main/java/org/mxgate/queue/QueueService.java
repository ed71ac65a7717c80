package org.mxgate.queue;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.mxgate.admin.ServiceException;
import org.mxgate.config.GatewaySettings;
import org.mxgate.config.RetrySchedule;
import org.mxgate.metrics.MailMetrics;
import org.mxgate.gateway.Gateway;
import org.mxgate.mail.DeliveryReport;
import org.mxgate.mail.Dsn;
import org.mxgate.mail.MessageBytes;

/**
 * The queue's processing face: enqueue, claim what is due, record the outcome of an attempt,
 * warn of delays, take back lapsed claims, forget old history. Its operator face (browse, flush,
 * delete, counts, health) is {@link QueueAdmin}.
 */
@Stateless
public class QueueService {

    /** States in which a message still waits for delivery or collection. */
    public static final List<QueueStatus> STORED = List.of(QueueStatus.QUEUED, QueueStatus.DEFERRED,
            QueueStatus.ACTIVE);
    static final List<QueueStatus> WAITING = List.of(QueueStatus.QUEUED, QueueStatus.DEFERRED);

    private static final Logger LOG = Logger.getLogger(QueueService.class.getName());

    @PersistenceContext(unitName = "mxgate")
    EntityManager em;

    @Inject
    GatewaySettings settings;

    @Inject
    Clock clock;

    @Inject
    MailMetrics metrics;

    @Inject
    ReportWriter reports;

    @Inject
    Spool spool;

    /** Stores the messages, claiming none of them; see {@link #enqueue(List, String, Duration)}. */
    public Enqueued enqueue(List<NewMessage> messages) {
        return enqueue(messages, null, null);
    }

    /**
     * Stores the messages. Those due for delivery at once (new mail is waiting and its time is
     * now, so by the rule {@link QueuedMessage#MAY_GO}, here {@link QueuedMessage#mayGoWhenStored})
     * and whose bytes are in memory are stored claimed for {@code claimFor}, when it is given
     * (never to be claimed by another instance in between), and returned as jobs with
     * their bytes, so that delivery needs no query and no read to send them; whether any other
     * is due says the caller should start a queue run. Also says which of their gateways have a
     * quota (to be watched). For a gateway that keeps copies, each message's copy for collection
     * is stored with it.
     */
    public Enqueued enqueue(List<NewMessage> messages, String claimFor, Duration lease) {
        // the databases keep microseconds, rounded: a time with more would be stored as later than itself
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        Map<String, Gateway> theirs = new HashMap<>();
        for (NewMessage m : messages) {
            theirs.computeIfAbsent(m.gatewayDomain(), d -> em.find(Gateway.class, d));
        }
        theirs.values().removeIf(java.util.Objects::isNull);
        List<String> paused = paused(List.copyOf(theirs.values()), now, false);
        // whether each may go is decided here, not asked (a query and a claim update per batch
        // took half the store's time): one that may go and is in memory is stored claimed
        boolean othersDue = false;
        List<Enqueued.Claimed> claimed = new ArrayList<>();
        for (NewMessage m : messages) {
            Gateway g = theirs.get(m.gatewayDomain());
            QueuedMessage stored = new QueuedMessage(m.id(), m.gatewayDomain(), m.sender(), m.recipients(), now,
                    m.content().size(), m.clientAddress(), m.heloName(), m.dsn());
            stored.kind(m.kind());
            stored.checks(m.checks());
            if (m.quarantine() != null) {
                stored.quarantine(m.quarantine());
                store(stored, m.content());
                continue;
            }
            if (QueuedMessage.mayGoWhenStored(m.kind(), g, paused.contains(m.gatewayDomain()))) {
                if (claimFor != null && m.content().inMemory()) {
                    stored.claimedAtStore(claimFor, now.plus(lease));
                    jobOf(stored, theirs).ifPresent(job -> claimed.add(new Enqueued.Claimed(job, m.content())));
                } else {
                    othersDue = true;
                }
            }
            store(stored, m.content());
            if (m.kind() == MessageKind.MAIL && g != null && g.routing().keepsCopy()) {
                store(QueueIds.next(), m, MessageKind.COPY, now);
            }
        }
        // written here, not by the commit's own flush: that one (in the transaction's
        // beforeCompletion) halved what PostgreSQL accepted (HOLD, 20 sessions: 590 against 1,046 msg/s)
        em.flush();
        List<String> withQuota = theirs.values().stream().filter(g -> g.limits().hasQuota()).map(Gateway::getDomain)
                .toList();
        return new Enqueued(othersDue, withQuota, claimed);
    }

    /**
     * Claims up to {@code limit} due messages for {@code owner} until {@code lease} has passed.
     * The claim is one conditional update, so instances sharing the database never claim the
     * same message twice.
     */
    public List<DeliveryJob> claimDue(int limit, String owner, Duration lease) {
        LocalDateTime now = LocalDateTime.now(clock);
        List<String> due = em.createNamedQuery("QueuedMessage.dueIds", String.class)
                .setParameter("waiting", WAITING).setParameter("now", now)
                .setParameter("paused", paused(em.createNamedQuery("Gateway.scheduled", Gateway.class)
                        .getResultList(), now, true))
                .setMaxResults(limit).getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        em.createNamedQuery("QueuedMessage.claim").setParameter("active", QueueStatus.ACTIVE)
                .setParameter("owner", owner).setParameter("until", now.plus(lease))
                .setParameter("ids", due).setParameter("waiting", WAITING).executeUpdate();
        List<QueuedMessage> claimed = em.createNamedQuery("QueuedMessage.claimedBy", QueuedMessage.class)
                .setParameter("ids", due).setParameter("active", QueueStatus.ACTIVE).setParameter("owner", owner)
                .getResultList();
        Map<String, Gateway> gateways = new HashMap<>();
        List<DeliveryJob> jobs = new ArrayList<>();
        for (QueuedMessage m : claimed) {
            jobOf(m, gateways).ifPresent(jobs::add);
        }
        return jobs;
    }

    /**
     * The delivery job of a claimed message, with its gateway looked up in (and added to)
     * {@code gateways}; none if its gateway was deleted meanwhile (the claim lapses and the message
     * is never due again).
     */
    private Optional<DeliveryJob> jobOf(QueuedMessage m, Map<String, Gateway> gateways) {
        if (m.goesToItsRecipientsMx()) {
            return Optional.of(DeliveryJob.report(m));
        }
        Gateway g = gateways.computeIfAbsent(m.getGatewayDomain(), d -> em.find(Gateway.class, d));
        return g == null ? Optional.empty() : Optional.of(DeliveryJob.byRoute(m, g));
    }

    private void store(String id, NewMessage m, MessageKind kind, LocalDateTime now) {
        QueuedMessage stored = new QueuedMessage(id, m.gatewayDomain(), m.sender(), m.recipients(), now,
                m.content().size(), m.clientAddress(), m.heloName(), m.dsn());
        stored.kind(kind);
        store(stored, m.content());
    }

    private void store(QueuedMessage stored, MessageBytes content) {
        String id = stored.getId();
        em.persist(stored);
        if (content.inMemory()) {
            em.persist(new MessageContent(id, content.head()));
        } else if (spool.keepsMessages()) {
            spool.keep(id, content.tail());
            em.persist(new MessageContent(id, content.head(), true));
        } else {
            em.persist(new MessageContent(id, content.toArray()));
        }
    }

    /**
     * Fails the copies kept for collection that nobody collected within their gateway's
     * retention; returns how many. The original's own outcome is not touched.
     */
    public int expireCopies() {
        LocalDateTime now = LocalDateTime.now(clock);
        int expired = 0;
        for (Gateway g : em.createNamedQuery("Gateway.keepingCopies", Gateway.class).getResultList()) {
            java.time.Duration retention = g.routing().copyRetention();
            for (QueuedMessage m : em.createNamedQuery("QueuedMessage.copiesExpired", QueuedMessage.class)
                    .setParameter("domain", g.getDomain()).setParameter("waiting", WAITING)
                    .setParameter("cutoff", now.minus(retention)).getResultList()) {
                String reason = "5.4.7 copy not collected within " + retention;
                m.settle(m.getRecipients().stream().map(r -> new RecipientResult(r.getAddress(), RecipientStatus.FAILED,
                        reason)).toList(), null, reason);
                metrics.attempted(0, 0, m.getRecipients().size());
                expired++;
            }
        }
        return expired;
    }

    /**
     * The gateways among {@code gateways} whose schedule keeps their mail waiting at {@code now}
     * ({@code ""} when none, for the query's sake); when {@code noteOpenings}, an interval's
     * opening that begins now is noted on the gateway.
     */
    private List<String> paused(List<Gateway> gateways, LocalDateTime now, boolean noteOpenings) {
        List<String> paused = new ArrayList<>();
        java.time.Instant at = now.atZone(clock.getZone()).toInstant();
        for (Gateway g : gateways) {
            if (g.schedule().isAlways()) {
                continue;
            }
            java.time.Instant opened = g.scheduleOpenedAt() == null ? null
                    : g.scheduleOpenedAt().atZone(clock.getZone()).toInstant();
            switch (g.schedule().at(at, opened)) {
                case CLOSED -> paused.add(g.getDomain());
                case OPENS -> {
                    if (noteOpenings) {
                        em.createNamedQuery("Gateway.scheduleOpened").setParameter("at", now)
                                .setParameter("domain", g.getDomain()).executeUpdate();
                    }
                }
                case OPEN -> {
                }
            }
        }
        return paused.isEmpty() ? List.of("") : paused;
    }

    /** The bytes of several queued messages, by id; messages no longer kept are missing. */
    public Map<String, MessageBytes> contents(List<String> ids) {
        Map<String, MessageBytes> contents = new HashMap<>();
        for (Object[] row : em.createNamedQuery("MessageContent.data", Object[].class).setParameter("ids", ids)
                .getResultList()) {
            String id = (String) row[0];
            byte[] data = (byte[]) row[1];
            if (Boolean.TRUE.equals(row[2])) {
                spool.read(id, data).ifPresent(c -> contents.put(id, c));
            } else {
                contents.put(id, MessageBytes.of(data));
            }
        }
        return contents;
    }

    /** The bytes of a queued message as stored (trace header first), if they are still kept. */
    public Optional<MessageBytes> content(String id) {
        MessageContent c = em.find(MessageContent.class, id);
        if (c == null) {
            return Optional.empty();
        }
        return c.isSpooled() ? spool.read(id, c.getData()) : Optional.of(MessageBytes.of(c.getData()));
    }

    /**
     * Deletes spool files that no message refers to (a message received when the process
     * stopped before its commit, a file whose delete failed); returns how many.
     */
    public int sweepSpool() {
        List<String> files = spool.keptIds();
        int swept = 0;
        for (int i = 0; i < files.size(); i += 500) {
            List<String> chunk = files.subList(i, Math.min(files.size(), i + 500));
            java.util.Set<String> referred = new java.util.HashSet<>(em.createNamedQuery("MessageContent.spooledIds",
                    String.class).setParameter("ids", chunk).getResultList());
            List<String> orphans = chunk.stream().filter(id -> !referred.contains(id)).toList();
            spool.delete(orphans);
            swept += orphans.size();
        }
        return swept;
    }

    /**
     * Records one attempt for a claimed message. Recipients still pending are tried again after
     * the backoff, or failed when the message has outlived the maximal lifetime.
     *
     * Its results hold one per recipient tried; PENDING means "try again".
     *
     * @return the message's status afterwards, or empty when it is no longer held by its owner
     */
    public Optional<QueueStatus> recordAttempt(AttemptResult attempt) {
        Optional<QueueStatus> status = settle(attempt);
        if (status.equals(Optional.of(QueueStatus.DELIVERED))) {
            dropContent(List.of(attempt.id()));
        }
        return status;
    }

    /**
     * Records several attempts in one transaction (see {@link #recordAttempt}) and returns the
     * messages now delivered, whose bytes the caller drops afterwards ({@link #dropContent}),
     * so that the commit the delivering connections wait for stays small.
     */
    public List<String> recordAttempts(List<AttemptResult> attempts) {
        // plain deliveries to a next hop without DSN may still owe a "relayed" report
        List<String> mayOweReport = attempts.stream().filter(a -> a.isPlainDelivery() && !a.dsnPassedOn())
                .map(AttemptResult::id).toList();
        Set<String> reportDue = mayOweReport.isEmpty() ? Set.of() : Set.copyOf(em.createNamedQuery(
                "QueuedMessage.successAsked", String.class).setParameter("ids", mayOweReport).getResultList());
        Map<String, List<AttemptResult>> bulkByOwner = new LinkedHashMap<>();
        List<AttemptResult> oneByOne = new ArrayList<>();
        for (AttemptResult a : attempts) {
            if (a.isPlainDelivery() && !reportDue.contains(a.id())) {
                bulkByOwner.computeIfAbsent(a.owner(), o -> new ArrayList<>()).add(a);
            } else {
                oneByOne.add(a);
            }
        }
        List<String> delivered = new ArrayList<>();
        bulkByOwner.forEach((owner, group) -> delivered.addAll(recordDelivered(owner, group)));
        for (AttemptResult a : oneByOne) {
            if (settle(a).equals(Optional.of(QueueStatus.DELIVERED))) {
                delivered.add(a.id());
            }
        }
        return delivered;
    }

    /**
     * Records plain deliveries ({@link AttemptResult#isPlainDelivery}) with three statements for
     * the whole group instead of loading each message. If any of them is no longer claimed by
     * {@code owner}, it throws, the transaction rolls back, and the caller records one by one.
     */
    private List<String> recordDelivered(String owner, List<AttemptResult> group) {
        LocalDateTime now = LocalDateTime.now(clock);
        List<String> ids = group.stream().map(AttemptResult::id).toList();
        int updated = em.createNamedQuery("QueuedMessage.delivered").setParameter("delivered", QueueStatus.DELIVERED)
                .setParameter("ids", ids).setParameter("active", QueueStatus.ACTIVE).setParameter("owner", owner)
                .executeUpdate();
        if (updated != ids.size()) {
            throw new IllegalStateException((ids.size() - updated) + " of " + ids.size()
                    + " delivered messages are no longer claimed by " + owner);
        }
        StringBuilder sql = new StringBuilder("UPDATE MESSAGE_RECIPIENT SET STATUS = ?, REPLY = CASE MESSAGEID");
        List<Object> parameters = new ArrayList<>();
        parameters.add(RecipientStatus.DELIVERED.name());
        for (AttemptResult a : group) {
            sql.append(" WHEN ? THEN ?");
            parameters.add(a.id());
            parameters.add(Recipient.truncate(a.results().get(0).reply(), 1000));
        }
        sql.append(" END WHERE STATUS = ? AND MESSAGEID IN (");
        parameters.add(RecipientStatus.PENDING.name());
        for (int i = 0; i < group.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
            parameters.add(group.get(i).id());
        }
        jakarta.persistence.Query recipients = em.createNativeQuery(sql.append(')').toString());
        for (int i = 0; i < parameters.size(); i++) {
            recipients.setParameter(i + 1, parameters.get(i));
        }
        recipients.executeUpdate();
        for (AttemptResult a : group) {
            em.persist(new DeliveryAttempt(a.id(), now, a.relay(), AttemptOutcome.SENT, a.results().get(0).reply()));
            metrics.attempted(a.results().size(), 0, 0);
        }
        return ids;
    }

    /**
     * Drops the bytes of delivered messages; the record and its history stay. Bytes left by a
     * crash before this go with the record when the history is purged.
     */
    public void dropContent(List<String> ids) {
        em.createNamedQuery("MessageContent.delete").setParameter("ids", ids).executeUpdate();
        spool.deleteAfterCommit(ids);
    }

    private static int count(List<RecipientResult> results, RecipientStatus status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }

    private Optional<QueueStatus> settle(AttemptResult attempt) {
        QueuedMessage m = em.find(QueuedMessage.class, attempt.id());
        if (m == null || m.getStatus() != QueueStatus.ACTIVE || !attempt.owner().equals(m.leaseOwner())) {
            return Optional.empty();
        }
        LocalDateTime now = LocalDateTime.now(clock);
        RetrySchedule schedule = settings.retrySchedule();
        List<RecipientResult> settled = attempt.results();
        if (schedule.isExpired(m.getReceivedAt(), now)) {
            settled = settled.stream().map(r -> r.status() != RecipientStatus.PENDING ? r
                    : new RecipientResult(r.address(), RecipientStatus.FAILED,
                            "4.4.7 message expired after " + schedule.maximalLifetime() + "; last reply: "
                                    + r.reply())).toList();
        }
        m.settle(settled, schedule.nextAttempt(m.getReceivedAt(), now), attempt.error(), now);
        metrics.attempted(count(settled, RecipientStatus.DELIVERED), count(settled, RecipientStatus.PENDING),
                count(settled, RecipientStatus.FAILED));
        em.persist(new DeliveryAttempt(m.getId(), now, attempt.relay(), outcomeOf(settled),
                attempt.error() != null ? attempt.error() : summary(settled)));
        report(m, DeliveryReport.Action.FAILED, settled.stream().filter(r -> r.status() == RecipientStatus.FAILED)
                .toList(), now);
        if (!attempt.dsnPassedOn()) {
            // RFC 3461 §5.2.2: a next hop without DSN cannot report success, so mxgate says "relayed"
            report(m, DeliveryReport.Action.RELAYED, settled.stream()
                    .filter(r -> r.status() == RecipientStatus.DELIVERED).toList(), now);
        }
        return Optional.of(m.getStatus());
    }

    /**
     * Tells the senders of messages still deferred longer than {@code after} since they were
     * received that their mail is delayed (once per message, for the recipients whose NOTIFY asks
     * for it), and returns how many messages were looked at.
     */
    public int warnDelayed(Duration after, int limit) {
        LocalDateTime now = LocalDateTime.now(clock);
        List<QueuedMessage> delayed = em.createNamedQuery("QueuedMessage.delayed", QueuedMessage.class)
                .setParameter("deferred", QueueStatus.DEFERRED).setParameter("cutoff", now.minus(after))
                .setMaxResults(limit)
                .getResultList();
        for (QueuedMessage m : delayed) {
            report(m, DeliveryReport.Action.DELAYED, m.getRecipients().stream()
                    .filter(r -> r.getStatus() == RecipientStatus.PENDING)
                    .map(r -> new RecipientResult(r.getAddress(), RecipientStatus.PENDING,
                            r.getReply() == null ? "4.0.0 not yet delivered" : r.getReply())).toList(), now);
            m.delayWarned(now);
        }
        return delayed.size();
    }

    /**
     * Queues a report about {@code m} to its sender, in the same transaction as the change it
     * reports, for those of {@code results} whose NOTIFY asks for {@code action}. Never for the
     * null sender (a failed bounce is only logged): no bounce loops.
     */
    private void report(QueuedMessage m, DeliveryReport.Action action, List<RecipientResult> results,
            LocalDateTime now) {
        if (results.isEmpty()) {
            return;
        }
        if (m.getSender().isEmpty()) {
            if (action == DeliveryReport.Action.FAILED) {
                LOG.info("id=" + m.getId() + " from=<> failed for " + results.size()
                        + " recipient(s); no report is sent for mail from the null sender");
            }
            return;
        }
        Dsn.Request dsn = m.dsn();
        Dsn.Event event = switch (action) {
            case FAILED -> Dsn.Event.FAILURE;
            case DELAYED -> Dsn.Event.DELAY;
            case RELAYED -> Dsn.Event.SUCCESS;
        };
        List<DeliveryReport.Reported> reported = results.stream()
                .filter(r -> dsn.of(r.address()).wants(event))
                .map(r -> new DeliveryReport.Reported(r.address(), dsn.of(r.address()).orcpt(), r.reply())).toList();
        if (reported.isEmpty()) {
            return;
        }
        MessageBytes original = content(m.getId()).orElse(MessageBytes.of(new byte[0]));
        // a large (spooled) message goes back as its header section only, as Postfix's
        // bounce_size_limit does: the report is held in memory and stored in the database
        boolean full = dsn.returnsFullMessage() && original.inMemory();
        String id = QueueIds.next();
        ZoneId zone = clock.getZone();
        byte[] report = reports.write(id, new DeliveryReport(action, new DeliveryReport.Original(m.getId(),
                m.getSender(), dsn.envid(), full, m.getReceivedAt().atZone(zone),
                original.inMemory() ? original.head() : original.headerSection(1 << 20)), reported), now.atZone(zone));
        em.persist(QueuedMessage.bounce(id, m.getGatewayDomain(), m.getSender(), now, report.length));
        em.persist(new MessageContent(id, report));
        LOG.info("id=" + m.getId() + ": sender " + switch (action) {
            case FAILED -> "non-delivery";
            case DELAYED -> "delay";
            case RELAYED -> "delivery";
        } + " notification: " + id);
    }

    /**
     * Queues a message mxgate wrote itself (a notice to an operator), from the null sender to
     * {@code to}, kept with {@code gatewayDomain} and delivered like a report, to the MX hosts
     * of the recipient's domain whatever the state of the gateway.
     */
    public String queueNotice(String gatewayDomain, String to, byte[] content) {
        String id = QueueIds.next();
        LocalDateTime now = LocalDateTime.now(clock);
        em.persist(QueuedMessage.bounce(id, gatewayDomain, to, now, content.length));
        em.persist(new MessageContent(id, content));
        return id;
    }

    /** Puts this instance's claimed messages back after a restart (nothing stays ACTIVE after a crash). */
    public int releaseOwned(String owner) {
        return em.createNamedQuery("QueuedMessage.releaseOwned").setParameter("deferred", QueueStatus.DEFERRED)
                .setParameter("active", QueueStatus.ACTIVE).setParameter("owner", owner).executeUpdate();
    }

    /** Puts back messages whose claim has lapsed (an instance that died mid-delivery). */
    public int releaseExpired() {
        return em.createNamedQuery("QueuedMessage.releaseExpired").setParameter("deferred", QueueStatus.DEFERRED)
                .setParameter("active", QueueStatus.ACTIVE).setParameter("now", LocalDateTime.now(clock))
                .executeUpdate();
    }

    /**
     * Releases the waiting mail of these gateways to their domain servers now (ETRN), held mail
     * included, and returns how many messages that is. Messages already being delivered are not
     * touched, so asking twice starts nothing twice.
     */
    public int release(List<String> domains) {
        return em.createNamedQuery("QueuedMessage.release").setParameter("now", LocalDateTime.now(clock))
                .setParameter("domains", domains).setParameter("waiting", WAITING).executeUpdate();
    }

    /**
     * Claims the waiting mail of a gateway for a collecting session (POP3), up to {@code limit}
     * messages, oldest first, so that nothing else delivers it meanwhile. What the session does not
     * remove goes back with {@link #releaseOwned}.
     */
    public List<QueuedMessage> claimGateway(String domain, String owner, Duration lease, int limit) {
        // a gateway that forwards and keeps copies is collected from its copies only
        Gateway g = em.find(Gateway.class, domain);
        MessageKind kind = g != null && g.routing().keepsCopy() ? MessageKind.COPY : MessageKind.MAIL;
        List<String> ids = em.createNamedQuery("QueuedMessage.waitingOfGateway", String.class)
                .setParameter("domain", domain).setParameter("waiting", WAITING).setParameter("kind", kind)
                .setMaxResults(limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        em.createNamedQuery("QueuedMessage.claim").setParameter("active", QueueStatus.ACTIVE)
                .setParameter("owner", owner).setParameter("until", LocalDateTime.now(clock).plus(lease))
                .setParameter("ids", ids).setParameter("waiting", WAITING).executeUpdate();
        return em.createNamedQuery("QueuedMessage.claimedBy", QueuedMessage.class).setParameter("ids", ids)
                .setParameter("active", QueueStatus.ACTIVE).setParameter("owner", owner).getResultList().stream()
                .sorted(java.util.Comparator.comparing(QueuedMessage::getReceivedAt).thenComparing(QueuedMessage::getId))
                .toList();
    }

    public QueuedMessage get(String id) {
        QueuedMessage m = id == null ? null : em.find(QueuedMessage.class, id);
        if (m == null) {
            throw ServiceException.notFound("no queued message " + id);
        }
        return m;
    }

    private void remove(QueuedMessage m) {
        remove(em, spool, m);
    }

    /** Deletes a message, its bytes and its history (for both faces of the queue). */
    static void remove(EntityManager em, Spool spool, QueuedMessage m) {
        em.createNamedQuery("MessageContent.delete").setParameter("ids", List.of(m.getId())).executeUpdate();
        spool.deleteAfterCommit(List.of(m.getId()));
        em.createNamedQuery("DeliveryAttempt.deleteOfMessage").setParameter("id", m.getId()).executeUpdate();
        em.remove(m);
    }

    /**
     * Deletes up to {@code limit} delivered or failed messages received before {@code cutoff},
     * with their history, and returns how many.
     */
    public int purgeHistory(LocalDateTime cutoff, int limit) {
        List<String> ids = em.createNamedQuery("QueuedMessage.finishedBefore", String.class)
                .setParameter("finished", List.of(QueueStatus.DELIVERED, QueueStatus.FAILED))
                .setParameter("cutoff", cutoff).setMaxResults(limit).getResultList();
        for (String id : ids) {
            remove(em.find(QueuedMessage.class, id));
        }
        return ids.size();
    }

    /** Deletes up to {@code limit} quarantined messages received before {@code cutoff}; returns how many. */
    public int purgeQuarantine(LocalDateTime cutoff, int limit) {
        List<String> ids = em.createNamedQuery("QueuedMessage.finishedBefore", String.class)
                .setParameter("finished", List.of(QueueStatus.QUARANTINED))
                .setParameter("cutoff", cutoff).setMaxResults(limit).getResultList();
        for (String id : ids) {
            remove(em.find(QueuedMessage.class, id));
        }
        return ids.size();
    }

    /** The mail a gateway stores (waiting or being delivered; reports it wrote not counted). */
    public Usage usage(String domain) {
        Object[] row = em.createNamedQuery("QueuedMessage.usage", Object[].class).setParameter("domain", domain)
                .setParameter("stored", STORED).getSingleResult();
        return new Usage(((Number) row[0]).longValue(), row[1] == null ? 0 : ((Number) row[1]).longValue());
    }

    private static AttemptOutcome outcomeOf(List<RecipientResult> results) {
        boolean pending = results.stream().anyMatch(r -> r.status() == RecipientStatus.PENDING);
        boolean failed = results.stream().anyMatch(r -> r.status() == RecipientStatus.FAILED);
        return pending ? AttemptOutcome.DEFERRED : failed ? AttemptOutcome.FAILED : AttemptOutcome.SENT;
    }

    private static String summary(List<RecipientResult> results) {
        return results.isEmpty() ? null : results.get(results.size() - 1).reply();
    }
}
