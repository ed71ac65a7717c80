package org.mxgate.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mxgate.config.ServerTls;
import org.mxgate.mail.Dsn;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Envelope;
import org.mxgate.mail.ReceivedMessage;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;
import org.mxgate.mail.Verdict;
import org.subethamail.smtp.server.SMTPServer;

/** mxgate's SMTP dialogue, in-JVM: the real commands and server, a recording receiver behind them. */
class SmtpProtocolTest {

    record Stored(String id, Envelope envelope, String content) {
    }

    private final List<Stored> stored = new CopyOnWriteArrayList<>();
    private final List<String> etrns = new CopyOnWriteArrayList<>();
    private volatile boolean storeFails;
    private volatile long storeDelay;
    private volatile long room = Long.MAX_VALUE;
    private final java.util.concurrent.atomic.AtomicLong reservedBytes = new java.util.concurrent.atomic.AtomicLong();
    private SMTPServer server;
    private ExecutorService executor;

    @BeforeEach
    void start() throws Exception {
        MailReceiver receiver = new MailReceiver() {
            @Override
            public Verdict connect(String client) {
                return onConnect;
            }

            @Override
            public Verdict helo(String client, String heloName) {
                return onHelo;
            }

            @Override
            public Verdict mail(String client, String heloName, EmailAddress sender) {
                return onMail;
            }

            @Override
            public Verdict recipient(String client, EmailAddress sender, EmailAddress r) {
                return (r.domainKey().equals("example.test") || r.toString().equals("postmaster@mx.example.net"))
                        && !r.hasRoutingCharacters() ? Verdict.accept()
                        : Verdict.reject(SmtpReplies.RELAY_DENIED);
            }

            @Override
            public Verdict data(Envelope envelope, ReceivedMessage message) {
                dataSubjects.add(String.join(",", message.header("Subject")));
                return onData;
            }

            @Override
            public java.util.Optional<Room> reserve(long size) {
                synchronized (reservedBytes) {
                    if (size > room - reservedBytes.get()) {
                        return java.util.Optional.empty();
                    }
                    reservedBytes.addAndGet(size);
                }
                return java.util.Optional.of(new Room() {
                    private boolean closed;

                    @Override
                    public boolean cover(long bytes) {
                        return true;
                    }

                    @Override
                    public void close() {
                        if (!closed) {
                            closed = true;
                            reservedBytes.addAndGet(-size);
                        }
                    }
                });
            }

            @Override
            public java.util.Optional<String> authenticate(String user, String password, String client) {
                return user.equals("bob@example.test") && password.equals("right secret") ? java.util.Optional.of(user)
                        : java.util.Optional.empty();
            }

            @Override
            public Verdict sender(String client, EmailAddress sender, String authenticated) {
                return sender != null && sender.domainKey().equals("own.test") && authenticated == null
                        ? Verdict.reject(SmtpReplies.AUTH_REQUIRED) : Verdict.accept();
            }

            @Override
            public SmtpReply etrn(String argument, String client, String authenticated) {
                etrns.add(argument.strip() + " from " + client + (authenticated == null ? "" : " as " + authenticated));
                return argument.strip().equals("example.test") ? new SmtpReply(253, "2.0.0", "OK, 2 pending messages"
                        + " for node example.test started") : new SmtpReply(459, "4.7.1", "node not allowed");
            }

            @Override
            public boolean store(String id, Envelope envelope, org.mxgate.mail.MessageBytes message, Verdict verdict) {
                byte[] content = message.toArray();
                if (storeFails) {
                    throw new IllegalStateException("database down");
                }
                if (storeDelay > 0) {
                    try {
                        Thread.sleep(storeDelay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                stored.add(new Stored(id, envelope, new String(content, StandardCharsets.ISO_8859_1)));
                return !nothingQueued;
            }
        };
        this.receiver = receiver;
        startServer(ServerTls.off());
    }

    private MailReceiver receiver;
    private SmtpLimits.ErrorLimit errorLimit = SmtpLimits.ErrorLimit.DEFAULT;
    private SmtpLimits.ClientLimit clientLimit = SmtpLimits.ClientLimit.DEFAULT;
    private org.mxgate.dns.AddressRanges plainAuthWithoutTls = SmtpLimits.LOOPBACK;
    private Verdict onConnect = Verdict.accept();
    private Verdict onHelo = Verdict.accept();
    private Verdict onMail = Verdict.accept();
    private Verdict onData = Verdict.accept();
    private boolean nothingQueued;
    private final List<String> dataSubjects = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A server with its own executor (stopping a server shuts its executor down). */
    private void startServer(ServerTls tls) {
        executor = Executors.newCachedThreadPool();
        server = SmtpServerFactory.build(InetAddress.getLoopbackAddress(), 0, 10,
                new SmtpLimits("mx.example.net", 2000, 3, Duration.ofSeconds(30)).withErrors(errorLimit).withClients(clientLimit)
                        .withPlainAuthWithoutTls(plainAuthWithoutTls),
                receiver, tls,
                executor);
        server.start();
    }

    @Test
    void startTlsWhereThereIsACertificateAndAFreshSessionAfterIt() throws Exception {
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("STARTTLS")).as("no certificate").isEqualTo("502 5.5.1 Error: command not implemented");
        }
        server.stop();
        startServer(ServerTls.of(org.mxgate.config.TestCertificates.server()));
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("EHLO client.test")).contains("\n250-STARTTLS\n250-AUTH PLAIN LOGIN\n250 ENHANCEDSTATUSCODES");
            assertThat(c.command("STARTTLS now")).isEqualTo("501 5.5.4 Syntax: STARTTLS");
            c.command("MAIL FROM:<a@sender.test>");
            assertThat(c.command("STARTTLS")).isEqualTo("503 5.5.1 Error: STARTTLS is not allowed inside a mail transaction");
            c.command("RSET");
            assertThat(c.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
            c.startTls(org.mxgate.config.TestCertificates.client(), "mx.example.net");
            assertThat(c.tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(c.command("MAIL FROM:<a@sender.test>")).as("greet again").startsWith("503 5.5.1 ");
            assertThat(c.command("EHLO client.test")).doesNotContain("STARTTLS");
            assertThat(c.command("STARTTLS")).isEqualTo("503 5.5.1 Error: TLS is already on");
            c.command("MAIL FROM:<a@sender.test>");
            c.command("RCPT TO:<bob@example.test>");
            c.command("DATA");
            assertThat(c.command("Subject: secret\r\n\r\nbody\r\n.")).startsWith("250 2.0.0 Ok: queued as ");
            assertThat(stored.get(0).content()).contains("(mxgate) with ESMTPS id ");
        }
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            // what a client pipelines after STARTTLS in plaintext is never read as a command
            c.send("STARTTLS\r\nMAIL FROM:<injected@sender.test>\r\n");
            assertThat(c.reply()).isEqualTo("220 2.0.0 Ready to start TLS");
            c.startTls(org.mxgate.config.TestCertificates.client(), "mx.example.net");
            // the next reply is the NOOP's own: no reply to an injected MAIL is waiting before it
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(c.command("RCPT TO:<bob@example.test>")).startsWith("503 5.5.1 ");
        }
        assertThat(stored).hasSize(1);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private RawSmtpClient connect() throws Exception {
        RawSmtpClient c = new RawSmtpClient(server.getPortAllocated());
        assertThat(c.reply()).startsWith("220 mx.example.net ESMTP");
        return c;
    }

    @Test
    void aClientPastTheSoftErrorLimitWaitsForEachReplyAndTheHardLimitEndsItsSession() throws Exception {
        server.stop();
        errorLimit = new SmtpLimits.ErrorLimit(2, 4, Duration.ofMillis(400));
        startServer(ServerTls.off());
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            c.command("MAIL FROM:<a@sender.test>");
            assertThat(timed(() -> c.command("RCPT TO:<a@elsewhere.test>"))).as("below the soft limit")
                    .isLessThan(300);
            assertThat(timed(() -> c.command("RCPT TO:<b@elsewhere.test>"))).as("the error reaching it waits")
                    .isGreaterThanOrEqualTo(400);
            assertThat(timed(() -> c.command("RCPT TO:<bob@example.test>"))).as("past it, also a good reply waits")
                    .isGreaterThanOrEqualTo(400);
            assertThat(c.command("RCPT TO:<c@elsewhere.test>")).startsWith("550 5.7.1 ");
            assertThat(c.command("RCPT TO:<d@elsewhere.test>"))
                    .isEqualTo("421 4.7.0 mx.example.net Too many errors, closing the connection");
            assertThat(c.reply()).as("closed").isNull();
        }
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("EHLO client.test")).as("counted per session").startsWith("250-mx.example.net");
        }
    }

    @Test
    void oneAddressHoldsAtMostItsSessionsAndATrustedOneIsNotCounted() throws Exception {
        server.stop();
        clientLimit = new SmtpLimits.ClientLimit(2, Duration.ofMinutes(30), org.mxgate.dns.AddressRanges.parse("").orElseThrow());
        startServer(ServerTls.off());
        try (RawSmtpClient first = connect(); RawSmtpClient second = connect();
                RawSmtpClient third = new RawSmtpClient(server.getPortAllocated())) {
            assertThat(third.reply()).isEqualTo("421 4.7.0 Too many connections from your address, try again later");
            assertThat(third.reply()).as("closed").isNull();
            assertThat(first.command("NOOP")).as("the others go on").isEqualTo("250 2.0.0 Ok");
        }
        // a session is counted down once its thread has seen the client close: soon, not at once
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        RawSmtpClient again = new RawSmtpClient(server.getPortAllocated());
        while (again.reply().startsWith("421 ") && System.nanoTime() < until) {
            again.close();
            Thread.sleep(50);
            again = new RawSmtpClient(server.getPortAllocated());
        }
        try (RawSmtpClient c = again) {
            assertThat(c.command("NOOP")).as("counted down as they closed").isEqualTo("250 2.0.0 Ok");
        }
        server.stop();
        clientLimit = new SmtpLimits.ClientLimit(1, Duration.ofMinutes(30),
                org.mxgate.dns.AddressRanges.parse("127.0.0.0/8, ::1/128").orElseThrow());
        errorLimit = new SmtpLimits.ErrorLimit(1, 2, Duration.ofSeconds(5));
        startServer(ServerTls.off());
        try (RawSmtpClient first = connect(); RawSmtpClient second = connect()) {
            second.command("EHLO client.test");
            second.command("MAIL FROM:<a@sender.test>");
            for (int i = 0; i < 3; i++) {
                assertThat(timed(() -> second.command("RCPT TO:<x@elsewhere.test>"))).as("trusted: no error limit")
                        .isLessThan(1000);
            }
            assertThat(second.command("RCPT TO:<bob@example.test>")).startsWith("250 ");
        }
    }

    @Test
    void anAddressOpeningSessionsOrSendingRecipientsTooFastIsHeldOff() throws Exception {
        server.stop();
        clientLimit = new SmtpLimits.ClientLimit(10, Duration.ofMinutes(30), org.mxgate.dns.AddressRanges.parse("")
                .orElseThrow(), 3, 4, Duration.ZERO);
        startServer(ServerTls.off());
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            for (int i = 0; i < 4; i++) {
                c.command("MAIL FROM:<a@sender.test>");
                assertThat(c.command("RCPT TO:<r" + i + "@example.test>")).startsWith("250 ");
                c.command("RSET");
            }
            c.command("MAIL FROM:<a@sender.test>");
            assertThat(c.command("RCPT TO:<r4@example.test>"))
                    .isEqualTo("450 4.7.1 Error: too many recipients from your address, try again later");
        }
        connect().close();
        connect().close();
        try (RawSmtpClient fourth = new RawSmtpClient(server.getPortAllocated())) {
            assertThat(fourth.reply())
                    .isEqualTo("421 4.7.0 Too many connections from your address in the last minute, try again later");
            assertThat(fourth.reply()).as("closed").isNull();
        }
    }

    @Test
    void aClientTalkingBeforeTheGreetingIsRefusedAndOneThatWaitsIsGreeted() throws Exception {
        server.stop();
        clientLimit = new SmtpLimits.ClientLimit(10, Duration.ofMinutes(30), org.mxgate.dns.AddressRanges.parse("")
                .orElseThrow(), 0, 0, Duration.ofMillis(800));
        startServer(ServerTls.off());
        try (RawSmtpClient eager = new RawSmtpClient(server.getPortAllocated())) {
            eager.send("EHLO spam.test\r\n");
            assertThat(eager.reply()).isEqualTo("554 5.5.1 Error: protocol error, you talked before the greeting");
            assertThat(eager.reply()).as("closed").isNull();
        }
        long t0 = System.nanoTime();
        try (RawSmtpClient patient = connect()) {
            assertThat((System.nanoTime() - t0) / 1_000_000).as("greeted after the delay").isGreaterThanOrEqualTo(750);
            assertThat(patient.command("EHLO client.test")).startsWith("250-mx.example.net");
        }
    }

    @Test
    void aSessionTricklingCommandsIsClosedAtItsTimeLimit() throws Exception {
        server.stop();
        clientLimit = new SmtpLimits.ClientLimit(10, Duration.ofSeconds(2), org.mxgate.dns.AddressRanges.parse("")
                .orElseThrow());
        startServer(ServerTls.off());
        try (RawSmtpClient c = connect()) {
            long t0 = System.nanoTime();
            // a byte a quarter second: never idle long enough for the idle timeout
            String reply = null;
            for (char ch : "NOOP NOOP NOOP NOOP NOOP NOOP NOOP NOOP NOOP NOOP NOOP NOOP NOOP NOOP NOOP".toCharArray()) {
                try {
                    c.send(String.valueOf(ch));
                } catch (java.io.IOException closed) {
                    break;
                }
                Thread.sleep(250);
                if (c.ready()) {
                    reply = c.reply();
                    break;
                }
            }
            assertThat(reply).isEqualTo("421 4.4.2 Error: session time limit exceeded, closing");
            assertThat((System.nanoTime() - t0) / 1_000_000).as("within a sweep of the limit").isBetween(1500L, 4500L);
            assertThat(c.reply()).as("closed").isNull();
        }
    }

    private static long timed(java.util.concurrent.Callable<String> command) throws Exception {
        long t0 = System.nanoTime();
        command.call();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authLogsInAndLetsTheSessionSendAsTheDomainAndEtrnAsItself() throws Exception {
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("AUTH PLAIN " + b64("\0bob@example.test\0right secret"))).startsWith("503 5.5.1 ");
            assertThat(c.command("EHLO client.test")).contains("\n250-AUTH PLAIN LOGIN\n");
            assertThat(c.command("MAIL FROM:<boss@own.test>")).isEqualTo("530 5.7.0 Authentication required");
            assertThat(c.command("AUTH CRAM-MD5")).isEqualTo("504 5.5.4 Unrecognized authentication type");
            assertThat(c.command("AUTH PLAIN " + b64("\0bob@example.test\0wrong")))
                    .isEqualTo("535 5.7.8 Authentication credentials invalid");
            assertThat(c.command("AUTH PLAIN")).startsWith("334");
            assertThat(c.command("*")).isEqualTo("501 5.0.0 Authentication cancelled");
            assertThat(c.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
            assertThat(c.command(b64("bob@example.test"))).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(c.command(b64("right secret"))).isEqualTo("235 2.7.0 Authentication successful");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("503 5.5.1 Error: already authenticated");
            assertThat(c.command("MAIL FROM:<boss@own.test>")).isEqualTo("250 2.1.0 Ok");
            assertThat(c.command("RCPT TO:<x@elsewhere.test>")).as("no open relay for a login")
                    .isEqualTo("550 5.7.1 Error: relay access denied");
            c.command("RSET");
            c.command("ETRN example.test");
            assertThat(etrns).containsExactly("example.test from 127.0.0.1 as bob@example.test");
        }
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            c.command("AUTH PLAIN " + b64("\0x@example.test\0guess"));
            c.command("AUTH PLAIN " + b64("\0x@example.test\0guess"));
            assertThat(c.command("AUTH PLAIN " + b64("\0x@example.test\0guess")))
                    .isEqualTo("421 4.7.0 Too many failed authentications, closing");
            assertThat(c.reply()).as("closed").isNull();
        }
    }

    @Test
    void plainPasswordsAreTakenOnlyUnderTlsWhereTheClientIsNotLocal() throws Exception {
        server.stop();
        plainAuthWithoutTls = org.mxgate.dns.AddressRanges.parse("").orElseThrow();
        startServer(ServerTls.of(org.mxgate.config.TestCertificates.server()));
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("EHLO client.test")).doesNotContain("AUTH");
            assertThat(c.command("AUTH PLAIN " + b64("\0bob@example.test\0right secret")))
                    .isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism");
            c.command("STARTTLS");
            c.startTls(org.mxgate.config.TestCertificates.client(), "mx.example.net");
            assertThat(c.command("EHLO client.test")).contains("\n250-AUTH PLAIN LOGIN\n");
            assertThat(c.command("AUTH PLAIN " + b64("\0bob@example.test\0right secret")))
                    .isEqualTo("235 2.7.0 Authentication successful");
        }
    }

    @Test
    void ehloAdvertisesExactlyTheOfferedExtensions() throws Exception {
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("EHLO client.test")).isEqualTo(
                    "250-mx.example.net\n250-SIZE 2000\n250-PIPELINING\n250-8BITMIME\n250-DSN\n250-ETRN\n"
                            + "250-AUTH PLAIN LOGIN\n250 ENHANCEDSTATUSCODES");
        }
    }

    @Test
    void acceptsAndStoresAMessageBeforeReplying250() throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            assertThat(c.command("MAIL FROM:<alice@sender.test> SIZE=100 BODY=8BITMIME")).isEqualTo("250 2.1.0 Ok");
            assertThat(c.command("RCPT TO:<bob@example.test>")).isEqualTo("250 2.1.5 Ok");
            assertThat(c.command("DATA")).as("one space after the code").isEqualTo("354 End data with <CR><LF>.<CR><LF>");
            String reply = c.command("Subject: hi\r\n\r\n..dot\r\n.");
            assertThat(reply).matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{17}");
            assertThat(stored).hasSize(1);
            Stored s = stored.get(0);
            assertThat(reply).endsWith(s.id());
            assertThat(s.envelope().senderText()).isEqualTo("alice@sender.test");
            assertThat(s.envelope().recipients()).extracting(Object::toString).containsExactly("bob@example.test");
            assertThat(s.content()).startsWith("Received: from client.test ([127.0.0.1])\r\n\tby mx.example.net "
                    + "(mxgate) with ESMTP id " + s.id() + "\r\n\tfor <bob@example.test>;");
            assertThat(s.content()).endsWith("\r\nSubject: hi\r\n\r\n.dot\r\n");
        }
    }

    @Test
    void postmasterWithoutADomainStandsForTheOperatorsAddress() throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            c.command("MAIL FROM:<alice@sender.test>");
            assertThat(c.command("RCPT TO:<PostMaster> NOTIFY=NEVER")).as("RFC 5321 4.5.1").isEqualTo("250 2.1.5 Ok");
            assertThat(c.command("RCPT TO:<postmaster> BOGUS=1")).startsWith("555 5.5.4");
            assertThat(c.command("RCPT TO:<postmaster >")).isEqualTo("501 5.1.3 Bad recipient address syntax");
            c.command("DATA");
            assertThat(c.command("Subject: to the postmaster\r\n\r\nhello\r\n.")).startsWith("250 2.0.0");
            Envelope envelope = stored.get(0).envelope();
            assertThat(envelope.recipients()).extracting(Object::toString).containsExactly("postmaster@mx.example.net");
            assertThat(envelope.dsn().of("postmaster@mx.example.net").notifyOn()).isEqualTo("NEVER");
        }
    }

    @Test
    void nullSenderIsAccepted() throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("HELO client.test");
            assertThat(c.command("MAIL FROM:<>")).isEqualTo("250 2.1.0 Ok");
            c.command("RCPT TO:<bob@example.test>");
            c.command("DATA");
            assertThat(c.command("x\r\n.")).startsWith("250 2.0.0");
            assertThat(stored.get(0).envelope().sender()).isNull();
        }
    }

    @Test
    void aStopTellsEverySession421AndAMessageBeingStoredGetsItsReplyFirst() throws Exception {
        storeDelay = 800;
        try (RawSmtpClient idle = connect(); RawSmtpClient sending = connect(); RawSmtpClient storing = connect()) {
            idle.command("EHLO idle.test");
            for (RawSmtpClient c : List.of(sending, storing)) {
                c.command("EHLO client.test");
                c.command("MAIL FROM:<a@sender.test>");
                c.command("RCPT TO:<bob@example.test>");
                assertThat(c.command("DATA")).startsWith("354 ");
            }
            sending.send("Subject: half a message\r\n"); // and no end of data yet
            storing.send("Subject: whole\r\n\r\nbody\r\n.\r\n");
            Thread.sleep(200); // the store has begun and takes 800 ms
            long start = System.nanoTime();
            int told = SmtpServerFactory.stop(server, Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(told).isEqualTo(3);
            assertThat(idle.reply()).isEqualTo("421 4.3.2 Service shutting down, try again later");
            assertThat(sending.reply()).isEqualTo("421 4.3.2 Service shutting down, try again later");
            assertThat(storing.reply()).startsWith("250 2.0.0 Ok: queued as ");
            assertThat(storing.reply()).isEqualTo("421 4.3.2 Service shutting down, try again later");
        }
        // the half-sent message was not stored; the whole one was, once
        assertThat(stored).extracting(Stored::content).singleElement().asString().contains("Subject: whole");
    }

    @Test
    void aDeclaredSizeThatDoesNotFitTheFreeStorageIs452BeforeTheClientSends() throws Exception {
        room = 1500;
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            assertThat(c.command("MAIL FROM:<a@sender.test> SIZE=1800"))
                    .isEqualTo("452 4.3.1 Insufficient system storage, try again later");
            assertThat(c.command("MAIL FROM:<a@sender.test> SIZE=5000")).as("over the limit itself").startsWith("552 ");
            assertThat(c.command("MAIL FROM:<a@sender.test> SIZE=1000")).isEqualTo("250 2.1.0 Ok");
            c.command("RSET");
            room = -1; // less than the minimum free: nothing fits, SIZE or not
            assertThat(c.command("MAIL FROM:<a@sender.test>"))
                    .isEqualTo("452 4.3.1 Insufficient system storage, try again later");
        }
    }

    @Test
    void messagesUnderWayHoldTheirDeclaredSizeUntilTheirTransactionEnds() throws Exception {
        room = 1500;
        try (RawSmtpClient first = connect(); RawSmtpClient second = connect()) {
            first.command("EHLO client.test");
            second.command("EHLO client.test");
            assertThat(first.command("MAIL FROM:<a@sender.test> SIZE=1000")).isEqualTo("250 2.1.0 Ok");
            assertThat(second.command("MAIL FROM:<a@sender.test> SIZE=1000")).as("fits alone, not beside the first")
                    .isEqualTo("452 4.3.1 Insufficient system storage, try again later");
            first.command("RCPT TO:<bob@example.test>");
            first.command("DATA");
            assertThat(first.command("Subject: first\r\n\r\nx\r\n.")).startsWith("250 ");
            assertThat(second.command("MAIL FROM:<a@sender.test> SIZE=1000")).as("the first's room is given back")
                    .isEqualTo("250 2.1.0 Ok");
            assertThat(first.command("MAIL FROM:<a@sender.test> SIZE=1000")).startsWith("452 ");
            second.command("RSET");
            assertThat(first.command("MAIL FROM:<a@sender.test> SIZE=1000")).as("RSET gives it back").startsWith("250 ");
        }
        Thread.sleep(200);
        assertThat(reservedBytes.get()).as("closed sessions hold nothing").isZero();
    }

    @Test
    void failedCommitIsA451AndNeverA250() throws Exception {
        storeFails = true;
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            c.command("MAIL FROM:<a@sender.test>");
            c.command("RCPT TO:<bob@example.test>");
            c.command("DATA");
            assertThat(c.command("x\r\n.")).startsWith("451 4.3.0 ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<bob@other.test>", "<bob%other.test@example.test>", "<other.test!bob@example.test>",
            "<\"bob@other.test\"@example.test>", "<bob@[127.0.0.1]>"})
    void refusesRelayingWith550(String recipient) throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            c.command("MAIL FROM:<a@sender.test>");
            assertThat(c.command("RCPT TO:" + recipient)).isEqualTo("550 5.7.1 Error: relay access denied");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<@other.test:bob@example.test>", "<bob@other.test@example.test>", "bob@example.test",
            "<bob@example.test>,<eve@other.test>", "<>", "<bob@example.test"})
    void refusesMalformedRecipientsWith501(String recipient) throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            c.command("MAIL FROM:<a@sender.test>");
            assertThat(c.command("RCPT TO:" + recipient)).isEqualTo("501 5.1.3 Bad recipient address syntax");
        }
    }

    @Test
    void sequenceAndSyntaxErrorsCarryEnhancedCodes() throws Exception {
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("MAIL FROM:<a@sender.test>")).startsWith("503 5.5.1 ");
            c.command("EHLO client.test");
            assertThat(c.command("RCPT TO:<bob@example.test>")).startsWith("503 5.5.1 ");
            assertThat(c.command("DATA")).startsWith("503 5.5.1 ");
            assertThat(c.command("MAILFROM:<a@sender.test>")).startsWith("500 5.5.2 ");
            assertThat(c.command("MAIL FROM:<a@sender.test> XFOO=1")).startsWith("555 5.5.4 ");
            assertThat(c.command("MAIL FROM:<a@sender.test> SIZE=5000")).startsWith("552 5.3.4 ");
            assertThat(c.command("MAIL FROM:<a@sender.test>")).isEqualTo("250 2.1.0 Ok");
            assertThat(c.command("MAIL FROM:<a@sender.test>")).startsWith("503 5.5.1 ");
            assertThat(c.command("DATA")).startsWith("503 5.5.1 ");
            assertThat(c.command("DATAX")).startsWith("500 5.5.2 ");
            assertThat(c.command("EXPN staff")).startsWith("502 5.5.1 ");
            assertThat(c.command("VRFY bob")).startsWith("252 2.5.0 ");
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(c.command("RSET")).isEqualTo("250 2.0.0 Ok");
            assertThat(c.command("MAIL FROM:<" + "a".repeat(600) + "@sender.test>")).startsWith("500 5.5.2 ");
            assertThat(c.command("QUIT")).isEqualTo("221 2.0.0 Bye");
        }
    }

    @Test
    void takesTheDsnParametersAndStoresThemWithTheMessage() throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            assertThat(c.command("MAIL FROM:<a@sender.test> RET=hdrs ENVID=QQ+2B1")).isEqualTo("250 2.1.0 Ok");
            assertThat(c.command("RCPT TO:<bob@example.test> NOTIFY=success,failure ORCPT=rfc822;bob@example.test"))
                    .isEqualTo("250 2.1.5 Ok");
            assertThat(c.command("RCPT TO:<carl@example.test> NOTIFY=NEVER")).isEqualTo("250 2.1.5 Ok");
            assertThat(c.command("RCPT TO:<dora@example.test>")).isEqualTo("250 2.1.5 Ok");
            c.command("DATA");
            assertThat(c.command("Subject: dsn\r\n\r\nx\r\n.")).startsWith("250 2.0.0 Ok: queued as ");
        }
        assertThat(stored).singleElement().extracting(x -> x.envelope().dsn()).isEqualTo(new Dsn.Request("HDRS",
                "QQ+2B1", Map.of("bob@example.test", new Dsn.Recipient("SUCCESS,FAILURE", "rfc822;bob@example.test"),
                        "carl@example.test", new Dsn.Recipient("NEVER", null))));
    }

    @Test
    void badDsnParametersAreRefusedWith501AndTheTransactionGoesOn() throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            assertThat(c.command("MAIL FROM:<a@sender.test> RET=ALL")).startsWith("501 5.5.4 Bad RET");
            assertThat(c.command("MAIL FROM:<a@sender.test> ENVID=a=b")).startsWith("501 5.5.4 Bad ENVID");
            assertThat(c.command("MAIL FROM:<a@sender.test> RET=FULL RET=HDRS")).startsWith("501 5.5.4 Duplicate");
            assertThat(c.command("MAIL FROM:<a@sender.test> RET=FULL")).isEqualTo("250 2.1.0 Ok");
            assertThat(c.command("RCPT TO:<bob@example.test> NOTIFY=NEVER,SUCCESS")).startsWith("501 5.5.4 Bad NOTIFY");
            assertThat(c.command("RCPT TO:<bob@example.test> ORCPT=bob@example.test")).startsWith("501 5.5.4 Bad ORCPT");
            assertThat(c.command("RCPT TO:<bob@example.test> NOTIFY=DELAY NOTIFY=DELAY")).startsWith("501 5.5.4 Dup");
            assertThat(c.command("RCPT TO:<bob@example.test> XFOO=1")).startsWith("555 5.5.4 ");
            assertThat(c.command("RCPT TO:<bob@example.test> NOTIFY=DELAY")).isEqualTo("250 2.1.5 Ok");
        }
    }

    @Test
    void etrnNeedsAGreetingNoTransactionAndAnArgument() throws Exception {
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("ETRN example.test")).startsWith("503 5.5.1 ");
            c.command("EHLO client.test");
            assertThat(c.command("ETRN")).startsWith("501 5.5.4 Syntax: ETRN");
            assertThat(c.command("ETRN example.test")).isEqualTo("253 2.0.0 OK, 2 pending messages for node example.test started");
            assertThat(c.command("ETRN other.test")).isEqualTo("459 4.7.1 node not allowed");
            c.command("MAIL FROM:<a@sender.test>");
            assertThat(c.command("ETRN example.test")).startsWith("503 5.5.1 Error: ETRN is not allowed inside");
        }
        assertThat(etrns).containsExactly("example.test from 127.0.0.1", "other.test from 127.0.0.1");
    }

    @Test
    void limitsRecipientsPerTransaction() throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            c.command("MAIL FROM:<a@sender.test>");
            for (int i = 0; i < 3; i++) {
                assertThat(c.command("RCPT TO:<u" + i + "@example.test>")).startsWith("250 ");
            }
            assertThat(c.command("RCPT TO:<u9@example.test>")).startsWith("452 4.5.3 ");
        }
    }

    @Test
    void oversizeBodyIsRefusedWith552AndTheSessionGoesOn() throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            c.command("MAIL FROM:<a@sender.test> SIZE=10");
            c.command("RCPT TO:<bob@example.test>");
            c.command("DATA");
            assertThat(c.command(("y".repeat(70) + "\r\n").repeat(50) + ".")).startsWith("552 5.3.4 ");
            assertThat(stored).isEmpty();
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void smuggledMessageAfterBareLfDotStaysInsideTheFirst() throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            c.command("MAIL FROM:<a@sender.test>");
            c.command("RCPT TO:<bob@example.test>");
            c.command("DATA");
            c.send("Subject: one\r\n\r\nfirst\n.\nMAIL FROM:<evil@sender.test>\r\nRCPT TO:<bob@example.test>\r\n"
                    + "DATA\r\nSubject: smuggled\r\n\r\nsecond\r\n.\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0 ");
            assertThat(c.command("QUIT")).startsWith("221 ");
        }
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).content()).contains("first\r\n.\r\nMAIL FROM:<evil@sender.test>\r\n")
                .contains("Subject: smuggled");
    }

    @Test
    void pipelinedTransactionsAreAnsweredInOrder() throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            c.send("MAIL FROM:<a@sender.test>\r\nRCPT TO:<bob@example.test>\r\nRCPT TO:<x@other.test>\r\nDATA\r\n");
            assertThat(c.reply()).startsWith("250 2.1.0");
            assertThat(c.reply()).startsWith("250 2.1.5");
            assertThat(c.reply()).startsWith("550 5.7.1");
            assertThat(c.reply()).startsWith("354");
            c.send("body\r\n.\r\nMAIL FROM:<b@sender.test>\r\nRCPT TO:<carol@example.test>\r\nDATA\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0");
            assertThat(c.reply()).startsWith("250 2.1.0");
            assertThat(c.reply()).startsWith("250 2.1.5");
            assertThat(c.reply()).startsWith("354");
            assertThat(c.command("second\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(stored).extracting(s -> s.envelope().recipients().get(0).toString())
                .containsExactly("bob@example.test", "carol@example.test");
    }

    @Test
    void aConnectRefusalIsTheGreetingAndTheConnectionCloses() throws Exception {
        onConnect = Verdict.reject(new SmtpReply(554, "5.7.1", "Error: not from your address"));
        try (RawSmtpClient c = new RawSmtpClient(server.getPortAllocated())) {
            assertThat(c.reply()).isEqualTo("554 5.7.1 Error: not from your address");
            assertThat(c.reply()).as("closed").isNull();
        }
    }

    @Test
    void heloAndMailRefusalsAreSpokenAndLeaveNoGreetingOrTransaction() throws Exception {
        onHelo = Verdict.defer(new SmtpReply(450, "4.7.1", "Error: try later"));
        try (RawSmtpClient c = connect()) {
            assertThat(c.command("EHLO client.test")).isEqualTo("450 4.7.1 Error: try later");
            assertThat(c.command("MAIL FROM:<a@sender.test>")).as("not greeted").isEqualTo(SmtpReplies.NEED_HELO.toString());
            onHelo = Verdict.accept();
            c.command("EHLO client.test");
            onMail = Verdict.reject(new SmtpReply(550, "5.7.1", "Error: sender refused"));
            assertThat(c.command("MAIL FROM:<a@sender.test>")).isEqualTo("550 5.7.1 Error: sender refused");
            assertThat(c.command("RCPT TO:<bob@example.test>")).as("no transaction").isEqualTo(SmtpReplies.NEED_MAIL.toString());
        }
    }

    @Test
    void theEndOfDataChecksSeeTheHeadersAndMayRefuseOrAddFields() throws Exception {
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            onData = Verdict.reject(new SmtpReply(554, "5.7.1", "Error: content refused"));
            c.command("MAIL FROM:<a@sender.test>");
            c.command("RCPT TO:<bob@example.test>");
            c.command("DATA");
            assertThat(c.command("Subject: first\r\n\r\nbody\r\n.")).isEqualTo("554 5.7.1 Error: content refused");
            assertThat(stored).as("nothing stored").isEmpty();

            onData = Verdict.acceptWith(List.of("X-Checked: yes", "X-Score: 1.5"));
            c.command("MAIL FROM:<a@sender.test>");
            c.command("RCPT TO:<bob@example.test>");
            c.command("DATA");
            assertThat(c.command("Subject: second\r\n\r\nbody\r\n.")).startsWith("250 2.0.0 Ok: queued as ");
            assertThat(dataSubjects).containsExactly("first", "second");
            assertThat(stored.get(0).content()).as("above the trace header (RFC 7208 9.1, RFC 8601 5)").containsPattern(
                    "^X-Checked: yes\r\nX-Score: 1\\.5\r\nReceived: [^\\n]*\\n(\\t[^\\n]*\\n)*Subject: second\r\n");

            // a field claiming mxgate's authserv-id is not mxgate's: it goes; another server's stays
            onData = Verdict.accept();
            c.command("MAIL FROM:<a@sender.test>");
            c.command("RCPT TO:<bob@example.test>");
            c.command("DATA");
            c.command("Authentication-Results: MX.example.net;\r\n spf=pass smtp.mailfrom=a@sender.test\r\n"
                    + "Authentication-Results: other.example; spf=fail\r\n"
                    + "Authentication-Results: (forged) mx.example.net 1; dkim=pass\r\nSubject: third\r\n\r\nbody\r\n.");
            assertThat(stored.get(1).content()).doesNotContain("mx.example.net;").doesNotContain("MX.example.net")
                    .doesNotContain("dkim=pass").contains("Authentication-Results: other.example; spf=fail\r\nSubject: third");
        }
    }

    @Test
    void aMessageThatQueuedNothingIsNotAnsweredWithAQueueId() throws Exception {
        nothingQueued = true;
        try (RawSmtpClient c = connect()) {
            c.command("EHLO client.test");
            c.command("MAIL FROM:<a@sender.test>");
            c.command("RCPT TO:<bob@example.test>");
            c.command("DATA");
            assertThat(c.command("Subject: x\r\n\r\nbody\r\n.")).isEqualTo("250 2.0.0 Ok: confirmation taken, nothing queued");
        }
    }
}
