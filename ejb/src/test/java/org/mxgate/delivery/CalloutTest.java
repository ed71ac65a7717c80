package org.mxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mxgate.dns.StaticMxResolver;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewaySpec;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Envelope;
import org.mxgate.mail.SmtpReply;
import org.mxgate.mail.Verdict;
import org.mxgate.smtp.protocol.MailReceiver;
import org.mxgate.smtp.protocol.SmtpLimits;
import org.mxgate.smtp.protocol.SmtpServerFactory;
import org.mxgate.verify.Answer;
import org.subethamail.smtp.server.SMTPServer;

/** The SMTP callout against a real SMTP server in the same JVM as the gateway's forward host. */
class CalloutTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private SMTPServer primary;

    @BeforeEach
    void startPrimary() {
        MailReceiver receiver = new MailReceiver() {
            @Override
            public Verdict mail(String client, String heloName, EmailAddress sender) {
                asked.add("MAIL FROM:<" + (sender == null ? "" : sender) + ">");
                return Verdict.accept();
            }

            @Override
            public Verdict recipient(String client, EmailAddress sender, EmailAddress r) {
                asked.add("RCPT TO:<" + r + ">");
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
                stored.add(id);
                return true;
            }
        };
        primary = SmtpServerFactory.build(InetAddress.getLoopbackAddress(), 0, 10,
                new SmtpLimits("primary.test", 100_000, 50, Duration.ofSeconds(30)), receiver,
                org.mxgate.config.ServerTls.off(), Executors.newCachedThreadPool());
        primary.start();
    }

    @AfterEach
    void stopPrimary() {
        primary.stop();
    }

    private static Gateway forwardingTo(int port) {
        Gateway gateway = new Gateway("example.test", LocalDateTime.now());
        gateway.change(new GatewaySpec(null, "FORWARD", "127.0.0.1", port, null, null, null, null, null, null, null,
                null, null, null));
        return gateway;
    }

    private Answer probe(Gateway gateway, String address) {
        try {
            StaticMxResolver dns = new StaticMxResolver().host("127.0.0.1", "127.0.0.1");
            return new Callout(new RoutePlanner(dns, java.util.Set.of("gw.test"), java.util.Set.of()), "gw.test", 25)
                    .probe(gateway, address, Duration.ofSeconds(5));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theNextHopIsAskedWithTheNullSenderAndNeverSentMail() {
        Gateway gateway = forwardingTo(primary.getPortAllocated());
        assertThat(probe(gateway, "bob@example.test")).isEqualTo(Answer.VALID);
        assertThat(probe(gateway, "gone@example.test")).isEqualTo(Answer.UNKNOWN);
        assertThat(asked).containsExactly("MAIL FROM:<>", "RCPT TO:<bob@example.test>", "MAIL FROM:<>",
                "RCPT TO:<gone@example.test>");
        assertThat(stored).isEmpty();
    }

    @Test
    void aTemporaryRefusalOrANextHopThatIsDownGivesNoAnswer() throws Exception {
        assertThat(probe(forwardingTo(primary.getPortAllocated()), "busy@example.test")).isEqualTo(Answer.UNAVAILABLE);
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(probe(forwardingTo(closed), "bob@example.test")).isEqualTo(Answer.UNAVAILABLE);
        // a gateway whose MX lists nothing above mxgate has no next hop to ask
        Gateway byMx = new Gateway("example.test", LocalDateTime.now());
        byMx.change(new GatewaySpec(null, "MX", null, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(probe(byMx, "bob@example.test")).isEqualTo(Answer.UNAVAILABLE);
    }
}
