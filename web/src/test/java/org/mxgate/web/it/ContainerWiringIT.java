package org.mxgate.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mxgate.admin.ServiceException;
import org.mxgate.admin.AuditEvent;
import org.mxgate.admin.AuditLog;
import org.mxgate.autogateway.AutoGatewayService;
import org.mxgate.delivery.QueueRunner;
import org.mxgate.dequeue.DequeueService;
import org.mxgate.gateway.AutoState;
import org.mxgate.gateway.CollectionSpec;
import org.mxgate.gateway.GatewayDirectory;
import org.mxgate.gateway.GatewayService;
import org.mxgate.gateway.GatewaySpec;
import org.mxgate.gateway.VerificationSpec;
import org.mxgate.mail.Dsn;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.MailboxParser;
import org.mxgate.mail.MessageBytes;
import org.mxgate.mail.SmtpReply;
import org.mxgate.queue.AttemptOutcome;
import org.mxgate.queue.AttemptResult;
import org.mxgate.queue.DeliveryJob;
import org.mxgate.queue.Enqueued;
import org.mxgate.queue.NewMessage;
import org.mxgate.queue.PrimaryHealth;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueueIds;
import org.mxgate.queue.QueueService;
import org.mxgate.queue.QueueStatus;
import org.mxgate.queue.QueuedMessage;
import org.mxgate.queue.RecipientResult;
import org.mxgate.queue.RecipientStatus;
import org.mxgate.policy.CheckPipeline;
import org.mxgate.verify.RecipientVerifier;
import org.mxgate.verify.VerificationStore;

/**
 * The wiring on a real Payara Micro: JPA mappings and queries, the queue runner's timer, the
 * SMTP listener's port, REST status codes and authentication. Deploys the built mxgate.war.
 */
@ExtendWith(ArquillianExtension.class)
class ContainerWiringIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("mxgate.war")))
                .addClasses(ContainerWiringIT.class, MovableClock.class)
                .addAsLibrary(jarOf(org.assertj.core.api.Assertions.class));
    }

    private static File jarOf(Class<?> c) {
        try {
            return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @EJB
    GatewayService gateways;

    @EJB
    QueueService queue;

    @EJB
    QueueAdmin queueAdmin;

    @EJB
    QueueRunner runner;

    @ArquillianResource
    URL base;

    @EJB
    CheckPipeline checks;

    @EJB
    VerificationStore verification;

    @Inject
    RecipientVerifier verifier;

    private static final List<String> OWNERS = List.of("instance-f", "instance-a", "instance-b", "instance-c", "instance-h",
            "instance-o", "instance-p", "instance-c", "instance-d", "instance-k", "instance-l", "instance-s");

    /**
     * Claims what is due as {@code owner} and returns the jobs of {@code domain}. Other tests'
     * messages claimed with them go back after each test ({@link #releaseClaims()}).
     */
    private List<DeliveryJob> claim(String domain, String owner) {
        return queue.claimDue(1000, owner, Duration.ofMinutes(5)).stream()
                .filter(j -> j.gatewayDomain().equals(domain)).toList();
    }

    @AfterEach
    void releaseClaims() {
        if (queue != null) {
            OWNERS.forEach(queue::releaseOwned);
        }
    }

    private String enqueue(String domain, String... recipients) {
        return enqueue(domain, Dsn.Request.NONE, recipients);
    }

    private String enqueue(String domain, Dsn.Request dsn, String... recipients) {
        String id = QueueIds.next();
        queue.enqueue(List.of(new NewMessage(id, domain, "alice@sender.test", List.of(recipients), "192.0.2.1",
                "client.test", MessageBytes.of("Subject: it\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)), dsn)));
        return id;
    }

    /** Records an attempt as the delivery agent does, for a next hop without DSN. */
    private Optional<QueueStatus> record(String id, String owner, String relay, List<RecipientResult> results,
            String error) {
        return queue.recordAttempt(new AttemptResult(id, owner, relay, results, error, false));
    }

    private List<String> reportsOf(String domain) {
        return queueAdmin.listByGateway(domain, 0, 100).stream().filter(QueuedMessage::isBounce)
                .map(m -> new String(queue.content(m.getId()).orElseThrow().toArray(), StandardCharsets.UTF_8)).toList();
    }

    private static EmailAddress address(String a) {
        return MailboxParser.parseMailbox(a).orElseThrow();
    }

    private Optional<SmtpReply> rcpt(String recipient) {
        return Optional.ofNullable(checks.recipient("192.0.2.1", address("alice@sender.test"), address(recipient))
                .reply());
    }

    @Test
    void recipientsAreVerifiedByListAndByCachedAnswersThatOutliveAnOutage() {
        gateways.create(new GatewaySpec("listed.it.test", "HOLD", null, null, null, true, null, null, null, null,
                null, null, null, null));
        gateways.updateVerification("listed.it.test", new VerificationSpec("LIST", null, null, null, null, null, null,
                null, null, null, null));
        assertThat(rcpt("bob@listed.it.test")).as("an empty list knows nobody").hasValueSatisfying(
                r -> assertThat(r.code() + " " + r.status()).isEqualTo("550 5.1.1"));
        assertThat(rcpt("postmaster@listed.it.test")).as("RFC 5321 4.5.1").isEmpty();
        assertThat(verification.store("listed.it.test", List.of("# staff", "Bob", "team-*@listed.it.test", ""), true))
                .isEqualTo(2);
        assertThat(rcpt("BOB@listed.it.test")).isEmpty();
        assertThat(rcpt("team-sales@listed.it.test")).isEmpty();
        assertThat(rcpt("carl@listed.it.test")).isPresent();
        assertThatThrownBy(() -> verification.store("listed.it.test", List.of("ok", "x@other.test"), false))
                .isInstanceOf(ServiceException.class).hasMessageContaining("line 2");
        assertThat(verification.store("listed.it.test", List.of("carl"), false)).isEqualTo(3);
        assertThat(rcpt("carl@listed.it.test")).as("the list is read again once it changed").isEmpty();
        assertThat(verification.remove("listed.it.test", "BOB@listed.it.test")).isTrue();
        assertThat(verification.entries("listed.it.test")).containsExactly("carl@listed.it.test",
                "team-*@listed.it.test");
        assertThat(rcpt("bob@listed.it.test")).isPresent();

        // a callout to a next hop that is down: no answer
        gateways.create(new GatewaySpec("callout.it.test", "FORWARD", "127.0.0.1", 2599, null, true, null, null, null,
                null, null, null, null, null));
        gateways.updateVerification("callout.it.test", new VerificationSpec("CALLOUT", null, "2s", null, null, null,
                null, null, null, null, null));
        assertThat(rcpt("new@callout.it.test")).hasValueSatisfying(
                r -> assertThat(r.code() + " " + r.status()).isEqualTo("451 4.4.3"));
        // delivered to before: known valid, so taken while the next hop cannot be asked
        verifier.delivered("callout.it.test", "Known@callout.it.test", true);
        assertThat(verification.known("known@callout.it.test")).hasValueSatisfying(k -> {
            assertThat(k.valid()).isTrue();
            assertThat(k.source()).isEqualTo("DELIVERY");
        });
        assertThat(rcpt("known@callout.it.test")).isEmpty();
        // refused as unknown at delivery: refused at RCPT from now on
        verifier.delivered("callout.it.test", "gone@callout.it.test", false);
        assertThat(rcpt("gone@callout.it.test")).hasValueSatisfying(
                r -> assertThat(r.code() + " " + r.status()).isEqualTo("550 5.1.1"));
        gateways.updateVerification("callout.it.test", new VerificationSpec(null, "accept", null, null, null, null,
                null, null, null, null, null));
        assertThat(rcpt("other@callout.it.test")).as("accept-all while it cannot ask").isEmpty();

        assertThat(verification.forget("callout.it.test")).isEqualTo(2);
        verifier.forget("callout.it.test");
        gateways.updateVerification("callout.it.test", new VerificationSpec(null, "known", null, null, null, null,
                null, null, null, null, null));
        assertThat(rcpt("known@callout.it.test")).as("forgotten, so no longer known").isPresent();
        verifier.delivered("callout.it.test", "known@callout.it.test", true);
        queueAdmin.deleteGateway("callout.it.test", true);
        assertThat(verification.known("known@callout.it.test")).as("gone with its gateway").isEmpty();
    }

    @Test
    void aSessionLoggedInByAuthCountsAsALocalSenderForAutomaticCreation() {
        autoGateways.update(new org.mxgate.autogateway.AutoGatewaySpec(true, "", true, null, null, false, null, null,
                null, null));
        try {
            // logged in: refused as relaying before any DNS lookup (one that failed would defer, 451)
            assertThat(checks.recipient("192.0.2.1", address("a@sender.test"), address("x@fresh.it.test"),
                    "bob@auth.it.test").reply()).isEqualTo(org.mxgate.mail.SmtpReplies.RELAY_DENIED);
            assertThat(gateways.find("fresh.it.test")).isEmpty();
        } finally {
            autoGateways.update(new org.mxgate.autogateway.AutoGatewaySpec(false, null, null, null, null, null, null,
                    null, null, null));
        }
    }

    @Test
    void mailDueAtOnceIsClaimedInTheTransactionThatStoresItWithItsBytes() {
        gateways.create(new GatewaySpec("handed.it.test", "FORWARD", "127.0.0.1", 2599, null, true, null, null, null,
                null, null, null, null, null));
        gateways.create(new GatewaySpec("handheld.it.test", "HOLD", null, null, null, true, null, null, null, null,
                null, null, null, null));
        byte[] bytes = "Subject: handed\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        String going = QueueIds.next();
        String held = QueueIds.next();
        Enqueued stored = queue.enqueue(List.of(
                new NewMessage(going, "handed.it.test", "alice@sender.test", List.of("a@handed.it.test"), "192.0.2.1",
                        "client.test", MessageBytes.of(bytes), Dsn.Request.NONE),
                new NewMessage(held, "handheld.it.test", "alice@sender.test", List.of("a@handheld.it.test"),
                        "192.0.2.1", "client.test", MessageBytes.of(bytes), Dsn.Request.NONE)),
                "instance-s", Duration.ofMinutes(5));
        assertThat(stored.claimed()).singleElement().satisfies(c -> {
            assertThat(c.job().id()).isEqualTo(going);
            assertThat(c.job().host()).isEqualTo("127.0.0.1");
            assertThat(c.job().recipients()).containsExactly("a@handed.it.test");
            assertThat(c.content().toArray()).isEqualTo(bytes);
        });
        assertThat(stored.dueNow()).as("nothing else due: no queue run needed").isFalse();
        assertThat(queue.get(going).getStatus()).isEqualTo(QueueStatus.ACTIVE);
        assertThat(queue.get(held).getStatus()).isEqualTo(QueueStatus.QUEUED);
        assertThat(claim("handed.it.test", "instance-a")).as("a queue run cannot take it twice").isEmpty();
        assertThat(queue.releaseOwned("instance-s")).as("claimed for the storing instance").isEqualTo(1);
    }

    @Test
    void aFlushCoversMailBeingDeliveredWhenItWasAsked() {
        gateways.create(new GatewaySpec("underway.it.test", "FORWARD", "127.0.0.1", 2599, null, true, null, null, null,
                null, null, null, null, null));
        String id = enqueue("underway.it.test", "a@underway.it.test");
        assertThat(claim("underway.it.test", "instance-f")).extracting(DeliveryJob::id).containsExactly(id);
        assertThat(queueAdmin.flush("underway.it.test")).as("the message under way is covered").isEqualTo(1);
        List<RecipientResult> down = List.of(new RecipientResult("a@underway.it.test", RecipientStatus.PENDING,
                "4.4.1 connection refused"));
        LocalDateTime before = LocalDateTime.now();
        assertThat(record(id, "instance-f", "r", down, null)).contains(QueueStatus.DEFERRED);
        assertThat(queue.get(id).getNextAttemptAt()).as("due at once, not after the backoff")
                .isBefore(before.plusSeconds(5));
        assertThat(claim("underway.it.test", "instance-f")).extracting(DeliveryJob::id).containsExactly(id);
        record(id, "instance-f", "r", down, null);
        assertThat(queue.get(id).getNextAttemptAt()).as("the flush counted once").isAfter(before.plusSeconds(290));
    }

    @Test
    void claimIsExclusiveAndOutcomesMoveMessagesThroughTheirStates() {
        gateways.create(new GatewaySpec("claim.it.test", "FORWARD", "127.0.0.1", 2599, null, true, null, null, null, null, null, null, null, null));
        String first = enqueue("claim.it.test", "a@claim.it.test", "b@claim.it.test");
        String second = enqueue("claim.it.test", "c@claim.it.test");

        List<DeliveryJob> claimed = claim("claim.it.test", "instance-a");
        assertThat(claimed).extracting(DeliveryJob::id).containsExactlyInAnyOrder(first, second);
        assertThat(claimed).allMatch(j -> j.host().equals("127.0.0.1") && j.port() == 2599);
        assertThat(claim("claim.it.test", "instance-b")).isEmpty();
        assertThat(queue.get(first).getStatus()).isEqualTo(QueueStatus.ACTIVE);

        assertThat(record(first, "instance-b", "x", List.of(), null)).as("not its claim").isEmpty();
        LocalDateTime before = LocalDateTime.now();
        assertThat(record(first, "instance-a", "127.0.0.1[127.0.0.1]:2599", List.of(
                new RecipientResult("a@claim.it.test", RecipientStatus.DELIVERED, "250 2.0.0 Ok"),
                new RecipientResult("b@claim.it.test", RecipientStatus.PENDING, "450 4.2.1 busy")), null))
                .contains(QueueStatus.DEFERRED);
        QueuedMessage deferred = queue.get(first);
        assertThat(deferred.getAttempts()).isEqualTo(1);
        assertThat(deferred.pendingRecipients()).containsExactly("b@claim.it.test");
        assertThat(deferred.getNextAttemptAt()).isAfter(before.plusSeconds(290));
        assertThat(queueAdmin.attempts(first)).singleElement().matches(a -> a.getOutcome() == AttemptOutcome.DEFERRED);
        assertThat(queue.content(first)).isPresent();

        assertThat(queue.releaseOwned("instance-a")).isPositive();
        assertThat(queue.get(second).getStatus()).isEqualTo(QueueStatus.DEFERRED);
        assertThat(queueAdmin.flush("claim.it.test")).isEqualTo(2);
        List<DeliveryJob> again = claim("claim.it.test", "instance-b");
        assertThat(again).extracting(DeliveryJob::id).containsExactlyInAnyOrder(first, second);
        assertThat(again.stream().filter(j -> j.id().equals(first)).findFirst().orElseThrow().recipients())
                .containsExactly("b@claim.it.test");
        record(first, "instance-b", "r", List.of(
                new RecipientResult("b@claim.it.test", RecipientStatus.DELIVERED, "250 2.0.0 Ok")), null);
        record(second, "instance-b", "r", List.of(
                new RecipientResult("c@claim.it.test", RecipientStatus.FAILED, "550 5.1.1 no such user")), null);
        assertThat(queue.get(first).getStatus()).isEqualTo(QueueStatus.DELIVERED);
        assertThat(queue.content(first)).as("bytes of a delivered message are dropped").isEmpty();
        assertThat(queue.get(second).getStatus()).isEqualTo(QueueStatus.FAILED);
        assertThat(queue.get(second).getRecipients().get(0).getReply()).isEqualTo("550 5.1.1 no such user");
        assertThat(queueAdmin.countsByGateway().get("claim.it.test"))
                .containsEntry(QueueStatus.DELIVERED, 1L).containsEntry(QueueStatus.FAILED, 1L);

        QueuedMessage bounce = queueAdmin.listByGateway("claim.it.test", 0, 100).stream().filter(QueuedMessage::isBounce)
                .findFirst().orElseThrow();
        assertThat(bounce.getSender()).as("from the null sender").isEmpty();
        assertThat(bounce.getRecipients()).extracting(r -> r.getAddress()).containsExactly("alice@sender.test");
        assertThat(new String(queue.content(bounce.getId()).orElseThrow().toArray(), StandardCharsets.UTF_8))
                .contains("Final-Recipient: rfc822; c@claim.it.test\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                .contains("Subject: it\r\n");
        List<DeliveryJob> bounceJobs = claim("claim.it.test", "instance-b");
        assertThat(bounceJobs).filteredOn(j -> j.id().equals(bounce.getId())).singleElement()
                .matches(j -> j.routeDomain().equals("sender.test") && j.sender().isEmpty());
        record(bounce.getId(), "instance-b", "r", List.of(new RecipientResult("alice@sender.test",
                RecipientStatus.FAILED, "550 5.1.1 no such user")), null);
        assertThat(queueAdmin.listByGateway("claim.it.test", 0, 100)).filteredOn(QueuedMessage::isBounce)
                .as("a failed bounce is not bounced").hasSize(1);
    }

    @Test
    void plainDeliveriesAreRecordedInBulkAndAStaleClaimRollsTheGroupBack() {
        gateways.create(new GatewaySpec("bulk.it.test", "FORWARD", "127.0.0.1", 2599, null, true, null, null, null,
                null, null, null, null, null));
        String two = enqueue("bulk.it.test", "x@bulk.it.test", "y@bulk.it.test");
        String one = enqueue("bulk.it.test", "z@bulk.it.test");
        String asks = enqueue("bulk.it.test", new Dsn.Request(null, null, Map.of("s@bulk.it.test",
                new Dsn.Recipient("SUCCESS", null))), "s@bulk.it.test");
        claim("bulk.it.test", "instance-k");
        List<String> delivered = queue.recordAttempts(List.of(
                sent(two, "instance-k", "250 2.0.0 Ok: queued as A", "x@bulk.it.test", "y@bulk.it.test"),
                sent(one, "instance-k", "250 2.0.0 Ok: queued as B", "z@bulk.it.test"),
                sent(asks, "instance-k", "250 2.0.0 Ok: queued as C", "s@bulk.it.test")));
        assertThat(delivered).containsExactlyInAnyOrder(two, one, asks);
        QueuedMessage m = queue.get(two);
        assertThat(m.getStatus()).isEqualTo(QueueStatus.DELIVERED);
        assertThat(m.getAttempts()).isEqualTo(1);
        assertThat(m.getNextAttemptAt()).isNull();
        assertThat(m.getRecipients()).allMatch(r -> r.getStatus() == RecipientStatus.DELIVERED
                && r.getReply().equals("250 2.0.0 Ok: queued as A"));
        assertThat(queueAdmin.attempts(two)).singleElement().matches(a -> a.getOutcome() == AttemptOutcome.SENT
                && a.getRelay().equals("relay") && a.getReply().endsWith("as A"));
        assertThat(queue.get(one).getRecipients()).singleElement().matches(r -> r.getReply().endsWith("as B"));
        assertThat(reportsOf("bulk.it.test")).as("the one that asked for SUCCESS is told, the others not")
                .singleElement().asString().contains("Final-Recipient: rfc822; s@bulk.it.test\r\nAction: relayed");

        String stale = enqueue("bulk.it.test", "u@bulk.it.test");
        String fresh = enqueue("bulk.it.test", "v@bulk.it.test");
        claim("bulk.it.test", "instance-k");
        queue.releaseOwned("instance-k");
        claim("bulk.it.test", "instance-l");
        assertThatThrownBy(() -> queue.recordAttempts(List.of(sent(stale, "instance-k", "250 2.0.0 Ok", "u@bulk.it.test"),
                sent(fresh, "instance-l", "250 2.0.0 Ok", "v@bulk.it.test")))).isInstanceOf(EJBException.class);
        assertThat(queue.get(fresh).getStatus()).as("rolled back with the stale one").isEqualTo(QueueStatus.ACTIVE);
        assertThat(queue.recordAttempt(sent(fresh, "instance-l", "250 2.0.0 Ok", "v@bulk.it.test")))
                .contains(QueueStatus.DELIVERED);
        assertThat(queue.recordAttempt(sent(stale, "instance-k", "250 2.0.0 Ok", "u@bulk.it.test"))).isEmpty();
    }

    private static AttemptResult sent(String id, String owner, String reply, String... recipients) {
        return new AttemptResult(id, owner, "relay", java.util.Arrays.stream(recipients)
                .map(r -> new RecipientResult(r, RecipientStatus.DELIVERED, reply)).toList(), null, false);
    }

    @EJB
    AutoGatewayService autoGateways;

    @Test
    void aPendingAutomaticGatewayKeepsItsMailUntilConfirmedAndIsDeletedWithItWhenNot() throws Exception {
        String token = "0123456789abcdef0123456789abcdef01234567";
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.US_ASCII)));
        LocalDateTime now = LocalDateTime.now();
        gateways.createAutomatic("kept.it.test", null, true, "192.0.2.7", "10 mx.kept.it.test", now.plusMinutes(60), hash);
        gateways.createAutomatic("lapsed.it.test", null, true, "192.0.2.7", "10 mx.lapsed.it.test", now.plusMinutes(30),
                "f".repeat(64));
        enqueue("kept.it.test", "a@kept.it.test");
        String lapsedMail = enqueue("lapsed.it.test", "a@lapsed.it.test");
        assertThat(gateways.get("kept.it.test").routing().mode().name()).as("no template: live backup").isEqualTo("MX");
        assertThat(claim("kept.it.test", "instance-c")).as("pending: stored, not delivered").isEmpty();

        clock.advance(Duration.ofMinutes(45));
        try {
            assertThat(autoGateways.expire()).isEqualTo(1);
        } finally {
            clock.reset();
        }
        assertThat(gateways.find("lapsed.it.test")).isEmpty();
        assertThatThrownBy(() -> queue.get(lapsedMail)).satisfies(e -> assertThat(unwrap(e).kind())
                .isEqualTo(ServiceException.Kind.NOT_FOUND));
        assertThat(audit.latest("lapsed.it.test", 10)).extracting(AuditEvent::getAction)
                .containsExactly(AuditEvent.Action.EXPIRED);

        assertThat(autoGateways.pendingDomain(token)).contains("kept.it.test");
        assertThat(autoGateways.confirmByToken(token, "link")).contains("kept.it.test");
        assertThat(autoGateways.confirmByToken(token, "link")).as("a token works once").isEmpty();
        assertThat(gateways.get("kept.it.test").getAutoState()).isEqualTo(AutoState.CONFIRMED);
        assertThat(claim("kept.it.test", "instance-c")).as("confirmed: delivered").hasSize(1);
        assertThat(audit.latest("kept.it.test", 10)).extracting(AuditEvent::getAction)
                .containsExactly(AuditEvent.Action.CONFIRMED);
        clock.advance(Duration.ofMinutes(90));
        try {
            autoGateways.expire();
        } finally {
            clock.reset();
        }
        assertThat(gateways.find("kept.it.test")).as("a confirmed gateway never expires").isPresent();

        gateways.create(new GatewaySpec("template.it.test", "FORWARD", "127.0.0.1:2599", null, null, false, 10L, null,
                2, 5, null, null, null, null));
        gateways.createAutomatic("copy.it.test", "template.it.test", true, "192.0.2.8", "10 mx.copy.it.test", null, null);
        var copy = gateways.get("copy.it.test");
        assertThat(copy.getAutoState()).as("no confirmation asked").isEqualTo(AutoState.CONFIRMED);
        assertThat(List.of(copy.routing().mode().name(), copy.routing().forwardHost(), copy.limits().maxMessages(),
                copy.limits().maxConnections(), copy.limits().messagesPerConnection(), copy.isEnabled()))
                .as("the template's settings, enabled").containsExactly("FORWARD", "127.0.0.1:2599", 10L, 2, 5, true);
        queueAdmin.deleteGateway("copy.it.test", false);
        assertThat(audit.latest("copy.it.test", 10)).extracting(AuditEvent::getAction)
                .containsExactly(AuditEvent.Action.DELETED);
    }

    @EJB
    AuditLog audit;

    @Test
    void heldDisabledPendingAndClosedGatewaysAreNeverDueAndTheStoreDecidesAsTheQueueRun() {
        gateways.create(new GatewaySpec("held.it.test", "HOLD", null, null, null, true, null, null, null, null, null, null, null, null));
        gateways.create(new GatewaySpec("off.it.test", "FORWARD", "127.0.0.1", null, null, false, null, null, null, null, null, null, null, null));
        gateways.create(new GatewaySpec("on.it.test", "FORWARD", "127.0.0.1", null, null, true, null, null, null, null, null, null, null, null));
        gateways.createAutomatic("unconfirmed.it.test", null, true, "192.0.2.7", "10 mx.unconfirmed.it.test",
                LocalDateTime.now().plusMinutes(60), "e".repeat(64));
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock.clock()).withZoneSameInstant(java.time.ZoneOffset.UTC);
        gateways.create(new GatewaySpec("closed.it.test", "FORWARD", "127.0.0.1", null, null, true, null, null, null, null,
                null, new org.mxgate.gateway.ScheduleSpec(String.format("daily %02d:00-%02d:00", now.plusHours(2).getHour(),
                        now.plusHours(3).getHour()), "UTC", null), null, null));
        List<String> domains = List.of("held.it.test", "off.it.test", "on.it.test", "unconfirmed.it.test", "closed.it.test");
        List<Boolean> byQueueRun = new ArrayList<>();
        List<Boolean> byStore = new ArrayList<>();
        List<Boolean> runWorthStarting = new ArrayList<>();
        for (String domain : domains) {
            String waiting = enqueue(domain, "a@" + domain);
            byQueueRun.add(claim(domain, "instance-c").stream().anyMatch(j -> j.id().equals(waiting)));
            byStore.add(!queue.enqueue(List.of(new NewMessage(QueueIds.next(), domain, "alice@sender.test",
                    List.of("b@" + domain), "192.0.2.1", "client.test",
                    MessageBytes.of("x\r\n".getBytes(StandardCharsets.US_ASCII)), Dsn.Request.NONE)),
                    "instance-c", Duration.ofMinutes(5)).claimed().isEmpty());
            runWorthStarting.add(dueAtOnce(domain));
        }
        assertThat(byQueueRun).as("claimed by a queue run").containsExactly(false, false, true, false, false);
        assertThat(byStore).as("claimed as it is stored, by the same rule").isEqualTo(byQueueRun);
        assertThat(runWorthStarting).as("stored unclaimed: a queue run is worth starting").isEqualTo(byQueueRun);
        queue.releaseOwned("instance-c");
        domains.forEach(d -> queueAdmin.deleteGateway(d, true));
    }

    @Test
    void aScheduledGatewaysMailIsDueOnlyInsideItsWindowAndOncePerInterval() {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock.clock()).withZoneSameInstant(java.time.ZoneOffset.UTC);
        String window = String.format("daily %02d:%02d-%02d:%02d", now.plusHours(1).getHour(), now.plusHours(1).getMinute(),
                now.plusHours(2).getHour(), now.plusHours(2).getMinute());
        gateways.create(new GatewaySpec("window.it.test", "FORWARD", "127.0.0.1", null, null, true, null, null, null, null,
                null, new org.mxgate.gateway.ScheduleSpec(window, "UTC", null), null, null));
        String id = enqueue("window.it.test", "a@window.it.test");
        assertThat(claim("window.it.test", "instance-c")).as("before its window").isEmpty();
        clock.advance(Duration.ofMinutes(61));
        assertThat(claim("window.it.test", "instance-c")).as("inside it").extracting(DeliveryJob::id).containsExactly(id);

        gateways.create(new GatewaySpec("interval.it.test", "FORWARD", "127.0.0.1", null, null, true, null, null, null,
                null, null, new org.mxgate.gateway.ScheduleSpec(null, null, "4h"), null, null));
        String first = enqueue("interval.it.test", "a@interval.it.test");
        assertThat(claim("interval.it.test", "instance-c")).as("the first run opens it").extracting(DeliveryJob::id)
                .containsExactly(first);
        clock.advance(Duration.ofMinutes(11));
        String second = enqueue("interval.it.test", "b@interval.it.test");
        assertThat(claim("interval.it.test", "instance-c")).as("after its 10-minute opening").isEmpty();
        clock.advance(Duration.ofHours(4));
        assertThat(claim("interval.it.test", "instance-c")).as("the next interval").extracting(DeliveryJob::id)
                .containsExactly(second);
        // hours older now, this mail must not be found by the tests of delay warnings and retention
        queue.releaseOwned("instance-c");
        queueAdmin.deleteGateway("window.it.test", true);
        queueAdmin.deleteGateway("interval.it.test", true);
    }

    @Test
    void aGatewayThatKeepsCopiesForwardsTheOriginalAndKeepsTheCopyUntilCollectedOrExpired() {
        gateways.create(new GatewaySpec("keep.it.test", "FORWARD", "127.0.0.1", null, null, true, null, null, null, null,
                null, null, true, "1d"));
        String id = enqueue("keep.it.test", "a@keep.it.test");
        List<QueuedMessage> stored = queueAdmin.listByGateway("keep.it.test", 0, 10);
        assertThat(stored).extracting(m -> m.kind().name()).containsExactlyInAnyOrder("MAIL", "COPY");
        String copy = stored.stream().filter(m -> m.kind() == org.mxgate.queue.MessageKind.COPY).findFirst()
                .orElseThrow().getId();
        assertThat(claim("keep.it.test", "instance-c")).as("a queue run takes the original only")
                .extracting(DeliveryJob::id).containsExactly(id);
        assertThat(queue.claimGateway("keep.it.test", "instance-c", Duration.ofMinutes(5), 10))
                .as("a collector takes the copy only").extracting(QueuedMessage::getId).containsExactly(copy);
        queue.releaseOwned("instance-c");
        assertThat(queue.expireCopies()).as("not yet").isZero();
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(queue.expireCopies()).isEqualTo(1);
        assertThat(queue.get(copy).getStatus()).isEqualTo(QueueStatus.FAILED);
        assertThat(queue.get(copy).getLastError()).isEqualTo("5.4.7 copy not collected within PT24H");
        assertThat(queue.get(id).getStatus()).as("the original has its own outcome").isNotEqualTo(QueueStatus.FAILED);
        queueAdmin.deleteGateway("keep.it.test", true);
    }

    private boolean dueAtOnce(String domain) {
        return queue.enqueue(List.of(new NewMessage(QueueIds.next(), domain, "alice@sender.test",
                List.of("b@" + domain), "192.0.2.1", "client.test",
                MessageBytes.of("x\r\n".getBytes(StandardCharsets.US_ASCII)), Dsn.Request.NONE))).dueNow();
    }

    @EJB
    DequeueService dequeue;

    @Test
    void aTurnHoldsItsMailUntilItEndsAndEtrnSaysWhatIsUnderWay() {
        gateways.create(new GatewaySpec("collect.it.test", "HOLD", null, null, null, true, null, null, null, null, null, null, null, null));
        gateways.updateCollection("collect.it.test", new CollectionSpec(List.of("ETRN", "ATRN"),
                List.of("127.0.0.1"), false, "collection secret", null));
        String first = enqueue("collect.it.test", "a@collect.it.test");
        enqueue("collect.it.test", "b@collect.it.test", "c@collect.it.test");

        DequeueService.Atrn turn = dequeue.atrn("collect.it.test", List.of("collect.it.test"), "127.0.0.1", "instance-k");
        assertThat(turn.refusal()).isNull();
        assertThat(turn.jobs()).extracting(DeliveryJob::recipients).containsExactly(List.of("a@collect.it.test"),
                List.of("b@collect.it.test", "c@collect.it.test"));
        assertThat(dequeue.atrn("collect.it.test", List.of("collect.it.test"), "127.0.0.1", "instance-l").refusal())
                .as("claimed by the first turn").isEqualTo(new SmtpReply(453, "4.3.0", "You have no mail"));
        assertThat(dequeue.atrn("collect.it.test", List.of("collect.it.test"), "127.0.0.2", "instance-l").refusal()
                .code()).as("an address not allowed").isEqualTo(450);
        assertThat(dequeue.etrn("collect.it.test", "127.0.0.1", null))
                .isEqualTo(new SmtpReply(250, "2.0.0", "OK, queuing for node collect.it.test started"));

        record(first, "instance-k", "atrn[127.0.0.1]", List.of(new RecipientResult("a@collect.it.test",
                RecipientStatus.DELIVERED, "250 2.0.0 taken")), null);
        dequeue.releaseClaims("instance-k");
        assertThat(queue.get(first).getStatus()).isEqualTo(QueueStatus.DELIVERED);
        assertThat(dequeue.etrn("collect.it.test", "127.0.0.1", null)).as("the rest is given back")
                .isEqualTo(new SmtpReply(253, "2.0.0", "OK, 1 pending messages for node collect.it.test started"));
    }

    @Inject
    GatewayDirectory directory;

    @Test
    void theSmtpChecksSeeAGatewayWrittenHereAtOnceThoughTheyKeepAnswers() {
        assertThat(directory.find("directory.it.test")).as("none yet, and that is kept").isEmpty();
        gateways.create(new GatewaySpec("directory.it.test", "HOLD", null, null, null, true, null, null, null, null, null, null, null, null));
        assertThat(directory.find("Directory.it.test")).hasValueSatisfying(g -> assertThat(g.isEnabled()).isTrue());
        gateways.update("directory.it.test", new GatewaySpec(null, null, null, null, null, false, null, null, null, null, null, null, null, null));
        assertThat(directory.find("directory.it.test")).hasValueSatisfying(g -> assertThat(g.isEnabled()).isFalse());
        queueAdmin.deleteGateway("directory.it.test", false);
        assertThat(directory.find("directory.it.test")).isEmpty();
    }

    @Test
    void anUpdateKeepsTheForwardPortItDoesNotName() {
        gateways.create(new GatewaySpec("port.it.test", "FORWARD", "127.0.0.1", 2526, null, true, null, null, null, null, null, null, null, null));
        gateways.update("port.it.test", new GatewaySpec(null, null, null, null, null, false, null, null, null, null, null, null, null, null));
        assertThat(gateways.get("port.it.test").routing().forwardPort()).as("left out: kept").isEqualTo(2526);
        gateways.update("port.it.test", new GatewaySpec(null, null, null, 0, null, null, null, null, null, null, null, null, null, null));
        assertThat(gateways.get("port.it.test").routing().forwardPort()).as("0: back to the default").isNull();
    }

    @Test
    void gatewayWithStoredMailIsDeletedOnlyWithPurge() {
        gateways.create(new GatewaySpec("purge.it.test", "HOLD", null, null, null, true, null, null, null, null, null, null, null, null));
        String id = enqueue("purge.it.test", "a@purge.it.test");
        assertThatThrownBy(() -> queueAdmin.deleteGateway("purge.it.test", false)).satisfies(e -> assertThat(unwrap(e).kind())
                .isEqualTo(ServiceException.Kind.CONFLICT));
        queueAdmin.deleteGateway("PURGE.it.test", true);
        assertThat(gateways.find("purge.it.test")).isEmpty();
        assertThatThrownBy(() -> queue.get(id)).satisfies(e -> assertThat(unwrap(e).kind())
                .isEqualTo(ServiceException.Kind.NOT_FOUND));
    }

    @Test
    void quarantinedMailIsDeletedAfterItsRetentionAndAnOperatorsActsAreAudited() {
        gateways.create(new GatewaySpec("held-mail.it.test", "HOLD", null, null, null, true, null, null, null, null, null,
                null, null, null));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = QueueIds.next();
            queue.enqueue(List.of(new NewMessage(id, "held-mail.it.test", "alice@sender.test", List.of("a@held-mail.it.test"),
                    "192.0.2.1", "client.test", MessageBytes.of("Subject: held\r\n\r\nbody\r\n".getBytes(
                            StandardCharsets.US_ASCII)), Dsn.Request.NONE, org.mxgate.queue.MessageKind.MAIL,
                    "virus Eicar-Test", null)));
            ids.add(id);
        }
        assertThat(queueAdmin.quarantined("held-mail.it.test", 0, 10)).hasSize(3);
        queueAdmin.releaseFromQuarantine(ids.get(0));
        queueAdmin.retry(ids.get(0));
        queueAdmin.delete(ids.get(1));
        assertThat(audit.latest("held-mail.it.test", 10)).extracting(e -> e.getAction() + " " + e.getClient())
                .as("who: nobody signed in here, so the system").containsExactly("MAIL_DELETED system",
                        "MAIL_RETRIED system", "MAIL_RELEASED system", "CREATED system");

        assertThat(queue.purgeQuarantine(LocalDateTime.now().minusHours(1), 1000)).as("young held mail stays").isZero();
        assertThat(queue.purgeQuarantine(LocalDateTime.now().plusSeconds(1), 1000)).isEqualTo(1);
        assertThatThrownBy(() -> queue.get(ids.get(2))).satisfies(e -> assertThat(unwrap(e).kind())
                .isEqualTo(ServiceException.Kind.NOT_FOUND));
        assertThat(queueAdmin.content(ids.get(2))).as("its bytes went with it").isEmpty();
        assertThat(queue.get(ids.get(0)).getStatus()).as("the released one waits as any other")
                .isEqualTo(QueueStatus.QUEUED);
    }

    @Test
    void historyOfFinishedMessagesIsForgottenAfterTheRetention() {
        gateways.create(new GatewaySpec("history.it.test", "FORWARD", "127.0.0.1", 2599, null, true, null, null, null, null, null, null, null, null));
        // claimed as it is stored: a queue run under way (another test's flush) cannot take it first
        String done = QueueIds.next();
        assertThat(queue.enqueue(List.of(new NewMessage(done, "history.it.test", "alice@sender.test",
                List.of("a@history.it.test"), "192.0.2.1", "client.test",
                MessageBytes.of("Subject: it\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)), Dsn.Request.NONE)),
                "instance-h", Duration.ofMinutes(5)).claimed()).hasSize(1);
        // claimed as stored too, then given back: waiting (DEFERRED), and no queue run holds it
        String waiting = QueueIds.next();
        assertThat(queue.enqueue(List.of(new NewMessage(waiting, "history.it.test", "alice@sender.test",
                List.of("b@history.it.test"), "192.0.2.1", "client.test",
                MessageBytes.of("Subject: it\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)), Dsn.Request.NONE)),
                "instance-h", Duration.ofMinutes(5)).claimed()).hasSize(1);
        record(done, "instance-h", "r", List.of(
                new RecipientResult("a@history.it.test", RecipientStatus.DELIVERED, "250 2.0.0 Ok")), null);
        queue.releaseOwned("instance-h");
        queue.purgeHistory(LocalDateTime.now().minusHours(1), 1000);
        assertThat(queue.get(done).getStatus()).as("young history is kept").isEqualTo(QueueStatus.DELIVERED);
        assertThat(queue.purgeHistory(LocalDateTime.now().plusSeconds(1), 1000)).isPositive();
        assertThatThrownBy(() -> queue.get(done)).satisfies(e -> assertThat(unwrap(e).kind())
                .isEqualTo(ServiceException.Kind.NOT_FOUND));
        assertThat(queueAdmin.attempts(done)).isEmpty();
        assertThat(queue.get(waiting).getStatus()).as("mail still waiting is kept").isEqualTo(QueueStatus.DEFERRED);
    }

    @Test
    void primaryHealthFollowsTheAttemptsAndTheBacklog() {
        gateways.create(new GatewaySpec("health.it.test", "FORWARD", "127.0.0.1", 2599, null, true, null, null, null, null, null, null, null, null));
        assertThat(queueAdmin.health("health.it.test").state()).isEqualTo(PrimaryHealth.State.UNKNOWN);
        String id = enqueue("health.it.test", "a@health.it.test");
        claim("health.it.test", "instance-p");
        record(id, "instance-p", "127.0.0.1[127.0.0.1]:2599", List.of(new RecipientResult(
                "a@health.it.test", RecipientStatus.PENDING, "4.4.1 connect to 127.0.0.1: refused")), "4.4.1 refused");
        PrimaryHealth down = queueAdmin.health("health.it.test");
        assertThat(down.state()).isEqualTo(PrimaryHealth.State.DOWN);
        assertThat(down.since()).isNotNull();
        assertThat(down.lastError()).isEqualTo("4.4.1 refused");
        assertThat(down.backlogMessages()).isEqualTo(1);
        assertThat(down.backlogBytes()).isPositive();
        assertThat(down.oldestWaiting()).isNotNull();
        queueAdmin.flush("health.it.test");
        claim("health.it.test", "instance-p");
        record(id, "instance-p", "r", List.of(new RecipientResult("a@health.it.test",
                RecipientStatus.DELIVERED, "250 2.0.0 Ok")), null);
        PrimaryHealth up = queueAdmin.health("health.it.test");
        assertThat(up.state()).isEqualTo(PrimaryHealth.State.UP);
        assertThat(up.since()).isAfterOrEqualTo(down.since());
        assertThat(up.backlogMessages()).isZero();
    }

    @Test
    void sendersOfMailDeferredTooLongAreToldOnce() {
        gateways.create(new GatewaySpec("slow.it.test", "FORWARD", "127.0.0.1", 2599, null, true, null, null, null, null, null, null, null, null));
        String id = enqueue("slow.it.test", "a@slow.it.test");
        claim("slow.it.test", "instance-c");
        record(id, "instance-c", "r", List.of(new RecipientResult("a@slow.it.test",
                RecipientStatus.PENDING, "4.4.1 connect to 127.0.0.1: refused")), null);
        assertThat(queue.warnDelayed(Duration.ofHours(4), 100)).as("not old enough").isZero();
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        try {
            assertThat(queue.warnDelayed(Duration.ofHours(4), 100)).isPositive();
        } finally {
            clock.reset();
        }
        QueuedMessage warning = queueAdmin.listByGateway("slow.it.test", 0, 100).stream().filter(QueuedMessage::isBounce)
                .findFirst().orElseThrow();
        assertThat(warning.getRecipients().get(0).getAddress()).isEqualTo("alice@sender.test");
        assertThat(new String(queue.content(warning.getId()).orElseThrow().toArray(), StandardCharsets.UTF_8))
                .contains("Action: delayed\r\nStatus: 4.4.1\r\n");
        queue.warnDelayed(Duration.ZERO, 100);
        assertThat(queueAdmin.listByGateway("slow.it.test", 0, 100)).filteredOn(QueuedMessage::isBounce)
                .as("told once").hasSize(1);
    }

    @Inject
    MovableClock clock;

    @Test
    void reportsFollowTheSendersDsnRequest() {
        gateways.create(new GatewaySpec("dsn.it.test", "FORWARD", "127.0.0.1", 2599, null, true, null, null, null,
                null, null, null, null, null));
        Dsn.Request asked = new Dsn.Request("FULL", "ENV+2B7", Map.of(
                "never@dsn.it.test", new Dsn.Recipient("NEVER", null),
                "told@dsn.it.test", new Dsn.Recipient("SUCCESS,FAILURE", "rfc822;told+2Bx@dsn.it.test"),
                "quiet@dsn.it.test", new Dsn.Recipient("FAILURE", null)));
        String id = enqueue("dsn.it.test", asked, "never@dsn.it.test", "told@dsn.it.test", "plain@dsn.it.test",
                "quiet@dsn.it.test");
        String passed = enqueue("dsn.it.test", asked, "told@dsn.it.test");
        claim("dsn.it.test", "instance-d");
        record(id, "instance-d", "r", List.of(
                new RecipientResult("never@dsn.it.test", RecipientStatus.FAILED, "550 5.1.1 no such user"),
                new RecipientResult("told@dsn.it.test", RecipientStatus.DELIVERED, "250 2.0.0 Ok: queued as 9"),
                new RecipientResult("plain@dsn.it.test", RecipientStatus.FAILED, "550 5.1.1 no such user"),
                new RecipientResult("quiet@dsn.it.test", RecipientStatus.PENDING, "450 4.2.1 busy")), null);
        queue.recordAttempt(new AttemptResult(passed, "instance-d", "r", List.of(new RecipientResult(
                "told@dsn.it.test", RecipientStatus.DELIVERED, "250 2.0.0 Ok")), null, true));

        List<String> reports = reportsOf("dsn.it.test");
        assertThat(reports).as("one bounce, one relayed report; none for the next hop that took DSN").hasSize(2);
        String bounce = reports.stream().filter(r -> r.contains("Action: failed")).findFirst().orElseThrow();
        assertThat(bounce).contains("Original-Envelope-Id: ENV+7\r\n")
                .contains("Final-Recipient: rfc822; plain@dsn.it.test\r\n").doesNotContain("never@dsn.it.test")
                .contains("Content-Type: message/rfc822\r\nContent-Transfer-Encoding: 7bit\r\n")
                .contains("Content-Description: Undelivered Message\r\n\r\nSubject: it\r\n\r\nbody\r\n");
        String relayed = reports.stream().filter(r -> r.contains("Action: relayed")).findFirst().orElseThrow();
        assertThat(relayed).contains("Original-Recipient: rfc822;told+x@dsn.it.test\r\n"
                + "Final-Recipient: rfc822; told@dsn.it.test\r\nAction: relayed\r\nStatus: 2.0.0\r\n")
                .doesNotContain("body");

        clock.advance(Duration.ofHours(5));
        try {
            queue.warnDelayed(Duration.ofHours(4), 100);
        } finally {
            clock.reset();
        }
        assertThat(reportsOf("dsn.it.test")).as("quiet@ asked for failures only: no delay warning").hasSize(2);
        assertThat(queue.get(id).getRecipients()).filteredOn(r -> r.getAddress().equals("told@dsn.it.test"))
                .singleElement().matches(r -> r.dsn().equals(asked.of("told@dsn.it.test")));
    }

    @Test
    void mailOlderThanTheMaximalLifetimeFailsAndIsBounced() throws Exception {
        gateways.create(new GatewaySpec("old.it.test", "FORWARD", "127.0.0.1", 2599, null, true, null, null, null,
                null, null, null, null, null));
        String id = enqueue("old.it.test", "a@old.it.test");
        claim("old.it.test", "instance-o");
        clock.advance(Duration.ofDays(5).plusMinutes(1));
        try {
            assertThat(record(id, "instance-o", "r", List.of(new RecipientResult("a@old.it.test",
                    RecipientStatus.PENDING, "4.4.1 connect to 127.0.0.1: refused")), null))
                    .contains(QueueStatus.FAILED);
        } finally {
            clock.reset();
        }
        assertThat(queue.get(id).getRecipients().get(0).getReply())
                .startsWith("4.4.7 message expired after PT120H; last reply: 4.4.1 connect");
        QueuedMessage bounce = queueAdmin.listByGateway("old.it.test", 0, 100).stream().filter(QueuedMessage::isBounce)
                .findFirst().orElseThrow();
        assertThat(new String(queue.content(bounce.getId()).orElseThrow().toArray(), StandardCharsets.UTF_8))
                .contains("Final-Recipient: rfc822; a@old.it.test\r\nAction: failed\r\nStatus: 5.4.7\r\n");
    }

    @Test
    void queueRunnerTimerIsScheduled() {
        assertThat(runner.nextRun()).isPresent();
    }

    @Test
    @RunAsClient
    void smtpListenerAnswersOnItsPort() throws Exception {
        try (Socket s = new Socket("127.0.0.1", Integer.getInteger("it.smtp.port"))) {
            s.setSoTimeout(10_000);
            String greeting = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(greeting).isEqualTo("220 gw.it.test ESMTP mxgate");
        }
    }

    @Test
    @RunAsClient
    void apiNeedsTheAdministratorAndAnswersWithProblems() throws Exception {
        assertThat(status("GET", "api/gateways", null, null)).isEqualTo(401);
        assertThat(status("GET", "api/gateways", "it-secret", null)).isEqualTo(200);
        assertThat(status("GET", "admin/", "it-secret", null)).isEqualTo(200);
        assertThat(status("POST", "api/gateways", "it-secret", "{\"domain\":\"x\"}")).isEqualTo(400);
        assertThat(status("GET", "api/gateways/none.it.test", "it-secret", null)).isEqualTo(404);
        assertThat(status("POST", "api/gateways", "it-secret", "{\"domain\":\"rest.it.test\",\"mode\":\"HOLD\"}"))
                .isEqualTo(201);
        assertThat(status("POST", "api/gateways", "it-secret", "{\"domain\":\"rest.it.test\",\"mode\":\"HOLD\"}"))
                .isEqualTo(409);
    }

    private int status(String method, String path, String password, String json) throws Exception {
        // Micro reports the machine's address, but its HTTP listener is bound to loopback only
        URL loopback = new URL("http", "127.0.0.1", base.getPort(), base.getPath());
        HttpURLConnection c = (HttpURLConnection) new URL(loopback, path).openConnection();
        c.setRequestMethod(method);
        if (password != null) {
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (json != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            c.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        }
        int code = c.getResponseCode();
        if (code >= 400 && code != 401) {
            assertThat(c.getContentType()).as(method + " " + path).startsWith("application/problem+json");
        }
        return code;
    }

    private static ServiceException unwrap(Throwable e) {
        while (e != null && !(e instanceof ServiceException)) {
            e = e instanceof EJBException ejb && ejb.getCausedByException() != null ? ejb.getCausedByException()
                    : e.getCause();
        }
        return (ServiceException) e;
    }
}
