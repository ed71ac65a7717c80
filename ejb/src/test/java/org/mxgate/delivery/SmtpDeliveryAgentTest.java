package org.mxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxgate.gateway.DeliveryMode;
import org.mxgate.mail.Dsn;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Envelope;
import org.mxgate.mail.SmtpReply;
import org.mxgate.mail.Verdict;
import org.mxgate.queue.DeliveryJob;
import org.mxgate.queue.RecipientResult;
import org.mxgate.queue.RecipientStatus;
import org.mxgate.smtp.protocol.MailReceiver;
import org.mxgate.smtp.protocol.SmtpLimits;
import org.mxgate.smtp.protocol.SmtpServerFactory;
import org.subethamail.smtp.server.SMTPServer;

/** The delivery agent against a real SMTP server in the same JVM. */
class SmtpDeliveryAgentTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Dsn.Request> receivedDsn = new CopyOnWriteArrayList<>();
    private final List<String> sessions = new CopyOnWriteArrayList<>();
    private SMTPServer downstream;

    private MailReceiver receiver;

    @BeforeEach
    void startDownstream() {
        receiver = new MailReceiver() {
            @Override
            public Verdict recipient(String client, EmailAddress sender, EmailAddress r) {
                return switch (r.localPart()) {
                    case "busy" -> Verdict.defer(new SmtpReply(450, "4.2.1", "mailbox busy"));
                    case "gone" -> Verdict.reject(new SmtpReply(550, "5.1.1", "no such user"));
                    default -> Verdict.accept();
                };
            }

            @Override
            public SmtpReply etrn(String argument, String client, String authenticated) {
                return new SmtpReply(502, "5.5.1", "no ETRN here");
            }

            @Override
            public boolean store(String id, Envelope envelope, org.mxgate.mail.MessageBytes message, Verdict verdict) {
                byte[] content = message.toArray();
                sessions.add(envelope.sessionId());
                receivedDsn.add(envelope.dsn());
                received.add(envelope.recipients() + "|" + new String(content, StandardCharsets.ISO_8859_1));
                return true;
            }
        };
        downstream = downstream(org.mxgate.config.ServerTls.off());
    }

    private SMTPServer downstream(org.mxgate.config.ServerTls tls) {
        SMTPServer server = SmtpServerFactory.build(InetAddress.getLoopbackAddress(), 0, 10,
                new SmtpLimits("primary.test", 100_000, 50, Duration.ofSeconds(30)), receiver, tls,
                Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    private final List<String> relays = new CopyOnWriteArrayList<>();

    @Test
    void aNextHopOfferingStartTlsGetsTheMailEncrypted() throws Exception {
        SMTPServer secure = downstream(org.mxgate.config.ServerTls.of(org.mxgate.config.TestCertificates.server()));
        try {
            agent().deliver(loopback(secure.getPortAllocated()), List.of(job("M1", "x\r\n", "bob@example.test"),
                    job("M2", "y\r\n", "carl@example.test")), List::of, outcomes);
            assertThat(received).hasSize(2).allMatch(m -> m.contains("(mxgate) with ESMTPS id "));
            assertThat(relays).hasSize(2).allMatch(r -> r.matches("127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:\\d+ \\(TLSv1\\.[23] .+\\)"));
        } finally {
            secure.stop();
        }
    }

    @Test
    void whenTlsFailsTheMailGoesInPlaintextAndTlsIsNotTriedAgainForAWhile() throws Exception {
        // the next hop announces STARTTLS but has no certificate: every handshake fails
        javax.net.ssl.SSLContext noCertificate = javax.net.ssl.SSLContext.getInstance("TLS");
        noCertificate.init(null, null, null);
        SMTPServer broken = downstream(org.mxgate.config.ServerTls.of(noCertificate));
        try {
            agent().deliver(loopback(broken.getPortAllocated()), List.of(job("M1", "x\r\n", "bob@example.test")), List::of,
                    outcomes);
            agent().deliver(loopback(broken.getPortAllocated()), List.of(job("M2", "y\r\n", "bob@example.test")), List::of,
                    outcomes);
            assertThat(received).hasSize(2).allMatch(m -> m.contains("(mxgate) with ESMTP id "));
            assertThat(results.get("M1")).singleElement().matches(r -> r.status() == RecipientStatus.DELIVERED);
            assertThat(relays).noneMatch(r -> r.contains("TLS"));
            assertThat(downHosts.tlsFailed(InetAddress.getLoopbackAddress(), broken.getPortAllocated()))
                    .as("remembered: the second delivery did not try TLS again").isTrue();
        } finally {
            broken.stop();
        }
    }

    @AfterEach
    void stop() {
        downstream.stop();
    }

    private final Map<String, byte[]> contents = new ConcurrentHashMap<>();
    private final Map<String, List<RecipientResult>> results = new ConcurrentHashMap<>();
    private final Map<String, Boolean> dsnPassedOn = new ConcurrentHashMap<>();

    private final SmtpDeliveryAgent.Outcomes outcomes = new SmtpDeliveryAgent.Outcomes() {
        @Override
        public Optional<org.mxgate.mail.MessageBytes> content(String id) {
            return Optional.ofNullable(contents.get(id)).map(org.mxgate.mail.MessageBytes::of);
        }

        @Override
        public void record(DeliveryJob job, String relay, List<RecipientResult> r, String error, boolean dsn) {
            relays.add(relay);
            results.put(job.id(), r);
            dsnPassedOn.put(job.id(), dsn);
        }
    };

    private DeliveryJob job(String id, String body, String... recipients) {
        return job(id, body, Dsn.Request.NONE, recipients);
    }

    private DeliveryJob job(String id, String body, Dsn.Request dsn, String... recipients) {
        contents.put(id, body.getBytes(StandardCharsets.ISO_8859_1));
        return new DeliveryJob(id, "example.test", "alice@sender.test", List.of(recipients), LocalDateTime.now(),
                body.length(), DeliveryMode.FORWARD, "example.test", "127.0.0.1", null, null, null, null, dsn);
    }

    private static final Dsn.Request ASKED = new Dsn.Request("FULL", "env+2B1", Map.of(
            "bob@example.test", new Dsn.Recipient("SUCCESS,FAILURE", "rfc822;bob+2Bold@example.test")));

    @Test
    void passesTheDsnRequestToANextHopThatOffersDsn() {
        agent().deliver(loopback(downstream.getPortAllocated()),
                List.of(job("M1", "x\r\n", ASKED, "bob@example.test", "carl@example.test")), List::of, outcomes);
        assertThat(receivedDsn).singleElement().satisfies(d -> {
            assertThat(d.ret()).isEqualTo("FULL");
            assertThat(d.envid()).isEqualTo("env+2B1");
            assertThat(d.of("bob@example.test")).isEqualTo(ASKED.of("bob@example.test"));
            assertThat(d.of("carl@example.test")).as("ORCPT added for a recipient that had none")
                    .isEqualTo(new Dsn.Recipient(null, "rfc822;carl@example.test"));
        });
        assertThat(dsnPassedOn.get("M1")).isTrue();
    }

    @Test
    void aNextHopWithoutDsnGetsNoDsnParametersAndMxgateReportsSuccessItself() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<String> commands = new CopyOnWriteArrayList<>();
            Thread server = new Thread(() -> servePlain(plain, commands, new StringBuilder(), false));
            server.start();
            agent().deliver(loopback(plain.getLocalPort()), List.of(job("M1", "x\r\n", ASKED, "bob@example.test")), List::of,
                    outcomes);
            assertThat(commands).contains("MAIL FROM:<alice@sender.test>", "RCPT TO:<bob@example.test>");
            assertThat(results.get("M1")).singleElement().matches(r -> r.status() == RecipientStatus.DELIVERED);
            assertThat(dsnPassedOn.get("M1")).isFalse();
        }
    }

    /**
     * A next hop that offers PIPELINING, and 8BITMIME if asked, and refuses any other MAIL or RCPT
     * parameter; it keeps the commands and the message as it came (ISO-8859-1, one char per octet).
     */
    private static void servePlain(ServerSocket listener, List<String> commands, StringBuilder data, boolean eightBitMime) {
        try (java.net.Socket s = listener.accept();
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                var out = new java.io.PrintStream(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            out.print("220 plain.test ESMTP\r\n");
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String verb = line.length() >= 4 ? line.substring(0, 4) : line;
                switch (verb) {
                    case "EHLO" -> out.print("250-plain.test\r\n" + (eightBitMime ? "250-8BITMIME\r\n" : "")
                            + "250 PIPELINING\r\n");
                    case "MAIL", "RCPT" -> out.print(line.endsWith(">") || eightBitMime && line.endsWith("> BODY=8BITMIME")
                            ? "250 2.1.0 Ok\r\n" : "555 5.5.4 no\r\n");
                    case "DATA" -> {
                        out.print("354 go\r\n");
                        for (String l = in.readLine(); !".".equals(l); l = in.readLine()) {
                            data.append(l).append("\r\n");
                        }
                        out.print("250 2.0.0 Ok\r\n");
                    }
                    case "QUIT" -> {
                        out.print("221 2.0.0 Bye\r\n");
                        return;
                    }
                    default -> out.print("250 2.0.0 Ok\r\n");
                }
            }
        } catch (java.io.IOException e) {
            // the test's assertions tell what went wrong
        }
    }

    private static final String EIGHT_BIT = "Subject: greetings\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "F\u00fcr dich.\r\n";

    @Test
    void eightBitContentGoesAsItIsWithBody8BitMimeToANextHopThatOffersIt() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<String> commands = new CopyOnWriteArrayList<>();
            StringBuilder data = new StringBuilder();
            Thread server = new Thread(() -> servePlain(plain, commands, data, true));
            server.start();
            agent().deliver(loopback(plain.getLocalPort()), List.of(job("M1", EIGHT_BIT, "bob@example.test")), List::of,
                    outcomes);
            server.join(5_000);
            assertThat(commands).contains("MAIL FROM:<alice@sender.test> BODY=8BITMIME");
            assertThat(data.toString()).isEqualTo(EIGHT_BIT);
            assertThat(results.get("M1")).singleElement().matches(r -> r.status() == RecipientStatus.DELIVERED);
        }
    }

    @Test
    void eightBitContentIsConvertedToSevenBitMimeForANextHopWithout8BitMime() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<String> commands = new CopyOnWriteArrayList<>();
            StringBuilder data = new StringBuilder();
            Thread server = new Thread(() -> servePlain(plain, commands, data, false));
            server.start();
            agent().deliver(loopback(plain.getLocalPort()), List.of(job("M1", EIGHT_BIT, "bob@example.test"),
                    job("M2", "Subject: plain\r\n\r\nascii only\r\n", "carl@example.test")), List::of, outcomes);
            server.join(5_000);
            assertThat(commands).filteredOn(c -> c.startsWith("MAIL")).containsExactly(
                    "MAIL FROM:<alice@sender.test>", "MAIL FROM:<alice@sender.test>");
            String sent = data.toString();
            String body = sent.substring(sent.indexOf("\r\n\r\n") + 4, sent.indexOf("Subject: plain"));
            assertThat(body).isEqualTo("F=FCr dich.\r\n");
            assertThat(sent.substring(0, sent.indexOf("Subject: plain")))
                    .contains("Content-Transfer-Encoding: quoted-printable\r\n")
                    .contains("Content-Type: text/plain; charset=iso-8859-1\r\n");
            assertThat(sent).endsWith("Subject: plain\r\n\r\nascii only\r\n");
            assertThat(results.values()).allSatisfy(r -> assertThat(r).singleElement()
                    .matches(x -> x.status() == RecipientStatus.DELIVERED));
        }
    }

    private final DownHosts downHosts = new DownHosts(Duration.ofMinutes(5), java.time.Clock.systemUTC());

    @Test
    void aHostFoundDownIsNotTriedAgainUntilItsRetryTimeOrAFlush() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!busy.isClosed()) {
                    try (java.net.Socket s = busy.accept()) {
                        connections.incrementAndGet();
                        s.getOutputStream().write("421 4.3.2 busy\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.start();
            agent().deliver(loopback(busy.getLocalPort()), List.of(job("M1", "x\r\n", "bob@example.test")), List::of, outcomes);
            agent().deliver(loopback(busy.getLocalPort()), List.of(job("M2", "x\r\n", "bob@example.test")), List::of, outcomes);
            assertThat(connections.get()).as("the second message does not knock again").isEqualTo(1);
            assertThat(results.get("M2")).singleElement().matches(r -> r.status() == RecipientStatus.PENDING
                    && r.reply().contains("not retried before"));
            downHosts.forgetAll();
            agent().deliver(loopback(busy.getLocalPort()), List.of(job("M3", "x\r\n", "bob@example.test")), List::of, outcomes);
            assertThat(connections.get()).isEqualTo(2);
        }
    }

    private SmtpDeliveryAgent agent() {
        return new SmtpDeliveryAgent("gw.test", Duration.ofSeconds(5), Duration.ofSeconds(10), downHosts,
                OpportunisticTls.context());
    }

    private static Route loopback(int port) {
        return new Route.Relays(List.of(new Route.Relay("127.0.0.1", List.of(InetAddress.getLoopbackAddress()), port)));
    }

    @Test
    void forwardAddressModeSendsEverythingToOneAddressAndNamesTheOriginals() {
        contents.put("R1", "Subject: r\r\n\r\nbody\r\n".getBytes(StandardCharsets.ISO_8859_1));
        DeliveryJob job = new DeliveryJob("R1", "example.test", "alice@sender.test",
                List.of("bob@example.test", "carl@example.test"), LocalDateTime.now(), 20, DeliveryMode.FORWARD_ADDRESS,
                "inbox.test", null, null, "all@inbox.test", null, null, ASKED);
        agent().deliver(loopback(downstream.getPortAllocated()), List.of(job), List::of, outcomes);
        assertThat(received).singleElement().asString().startsWith("[all@inbox.test]|")
                .contains("\r\nX-Original-To: bob@example.test,\r\n\tcarl@example.test\r\nSubject: r\r\n");
        assertThat(receivedDsn).singleElement().as("the originals' DSN request does not go to the one address")
                .isEqualTo(Dsn.Request.NONE);
        assertThat(dsnPassedOn.get("R1")).isFalse();
        assertThat(results.get("R1")).extracting(RecipientResult::address, RecipientResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bob@example.test", RecipientStatus.DELIVERED),
                org.assertj.core.groups.Tuple.tuple("carl@example.test", RecipientStatus.DELIVERED));
    }

    @Test
    void failAndDeferRoutesSettleWithoutConnecting() {
        agent().deliver(new Route.Fail("5.4.6 mail for example.test loops back to myself"),
                List.of(job("F1", "x\r\n", "bob@example.test")), List::of, outcomes);
        agent().deliver(new Route.Defer("4.4.3 DNS down"), List.of(job("D1", "x\r\n", "bob@example.test")), List::of, outcomes);
        assertThat(results.get("F1")).singleElement().matches(r -> r.status() == RecipientStatus.FAILED
                && r.reply().startsWith("5.4.6"));
        assertThat(results.get("D1")).singleElement().matches(r -> r.status() == RecipientStatus.PENDING);
        assertThat(received).isEmpty();
    }

    @Test
    void triesTheNextRelayWhenOneIsDown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Route twoRelays = new Route.Relays(List.of(
                new Route.Relay("down.test", List.of(InetAddress.getLoopbackAddress()), closedPort),
                new Route.Relay("up.test", List.of(InetAddress.getLoopbackAddress()), downstream.getPortAllocated())));
        agent().deliver(twoRelays, List.of(job("M1", "x\r\n", "bob@example.test")), List::of, outcomes);
        assertThat(results.get("M1")).singleElement().matches(r -> r.status() == RecipientStatus.DELIVERED);
        assertThat(received).hasSize(1);
    }

    @Test
    void deliversSeveralMessagesOnOneConnectionUnchanged() {
        String body = "Subject: a\r\n\r\n.leading dot\r\nline\r\n";
        List<DeliveryJob> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(job("M" + i, body, "bob@example.test"));
        }
        agent().deliver(loopback(downstream.getPortAllocated()), jobs, List::of, outcomes);
        assertThat(received).hasSize(3).allSatisfy(m -> assertThat(m).endsWith("\r\n" + body));
        assertThat(sessions).containsOnly(sessions.get(0));
        assertThat(results.values()).allSatisfy(r -> assertThat(r).singleElement()
                .matches(x -> x.status() == RecipientStatus.DELIVERED && x.reply().startsWith("250 2.0.0")));
    }

    @Test
    void sendsWhatComesLaterOverTheSameConnection() {
        java.util.ArrayDeque<List<DeliveryJob>> later = new java.util.ArrayDeque<>(List.of(
                List.of(job("M2", "x\r\n", "bob@example.test")),
                List.of(job("M3", "x\r\n", "bob@example.test"), job("M4", "x\r\n", "bob@example.test"))));
        agent().deliver(loopback(downstream.getPortAllocated()), List.of(job("M1", "x\r\n", "bob@example.test")),
                () -> later.isEmpty() ? List.of() : later.poll(), outcomes);
        assertThat(sessions).hasSize(4);
        assertThat(sessions.stream().distinct()).hasSize(1);
        assertThat(results).containsOnlyKeys("M1", "M2", "M3", "M4");
    }

    @Test
    void routeThatDefersSettlesOnlyTheFirstJobs() {
        agent().deliver(new Route.Defer("4.4.3 DNS down"), List.of(job("D1", "x\r\n", "bob@example.test")),
                () -> { throw new AssertionError("a deferred route takes no more jobs"); }, outcomes);
        assertThat(results).containsOnlyKeys("D1");
    }

    @Test
    void settlesEachRecipientByItsReply() {
        agent().deliver(loopback(downstream.getPortAllocated()),
                List.of(job("M1", "x\r\n", "bob@example.test", "busy@example.test", "gone@example.test")), List::of, outcomes);
        assertThat(results.get("M1")).extracting(RecipientResult::address, RecipientResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("busy@example.test", RecipientStatus.PENDING),
                org.assertj.core.groups.Tuple.tuple("gone@example.test", RecipientStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("bob@example.test", RecipientStatus.DELIVERED));
        assertThat(received).singleElement().asString().startsWith("[bob@example.test]|");
    }

    @Test
    void noConnectionDefersEveryRecipient() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        agent().deliver(loopback(closedPort), List.of(job("M1", "x\r\n", "bob@example.test")), List::of, outcomes);
        assertThat(results.get("M1")).singleElement().matches(r -> r.status() == RecipientStatus.PENDING
                && r.reply().startsWith("4.4.1 connect to 127.0.0.1[127.0.0.1]:" + closedPort));
    }
}
