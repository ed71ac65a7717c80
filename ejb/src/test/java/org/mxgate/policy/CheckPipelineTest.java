package org.mxgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;

class CheckPipelineTest {

    private final List<String> asked = new ArrayList<>();

    private MailCheck check(String name, Verdict atConnect) {
        return new MailCheck() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public Verdict connect(String client) {
                asked.add(name);
                return atConnect;
            }
        };
    }

    @Test
    void theFirstOpinionDecidesAndTheChecksAfterItAreNotAsked() {
        Verdict v = CheckPipeline.run(List.of(check("a", Verdict.next()), check("b", Verdict.defer(SmtpReplies.OVER_QUOTA)),
                check("c", Verdict.reject(SmtpReplies.RELAY_DENIED))), c -> c.connect("192.0.2.1"));
        assertThat(v).isEqualTo(Verdict.defer(SmtpReplies.OVER_QUOTA));
        assertThat(asked).containsExactly("a", "b");
    }

    @Test
    void anAcceptSkipsTheRestAndNoOpinionAtAllIsAnAccept() {
        assertThat(CheckPipeline.run(List.of(check("a", Verdict.accept()), check("b", Verdict.reject(
                SmtpReplies.RELAY_DENIED))), c -> c.connect("192.0.2.1"))).isEqualTo(Verdict.accept());
        assertThat(CheckPipeline.run(List.of(check("c", Verdict.next())), c -> c.connect("192.0.2.1")))
                .isEqualTo(Verdict.accept());
        assertThat(CheckPipeline.run(List.of(), c -> c.connect("192.0.2.1"))).isEqualTo(Verdict.accept());
        assertThat(asked).containsExactly("a", "c");
    }

    @Test
    void fieldsStampedByChecksWithoutAnOpinionGoWithTheAcceptInTheirOrder() {
        Verdict v = CheckPipeline.run(List.of(check("a", Verdict.nextWith(List.of("Received-SPF: pass"))),
                check("b", Verdict.nextWith(List.of("Authentication-Results: gw.test; spf=pass"))),
                check("c", Verdict.acceptWith(List.of("X-C: 1")))), c -> c.connect("192.0.2.1"));
        assertThat(v.headerFields()).containsExactly("Received-SPF: pass", "Authentication-Results: gw.test; spf=pass",
                "X-C: 1");
        assertThat(CheckPipeline.run(List.of(check("a", Verdict.nextWith(List.of("Received-SPF: pass")))),
                c -> c.connect("192.0.2.1"))).isEqualTo(Verdict.acceptWith(List.of("Received-SPF: pass")));
        assertThat(CheckPipeline.run(List.of(check("a", Verdict.nextWith(List.of("Received-SPF: fail"))),
                check("b", Verdict.reject(SmtpReplies.RELAY_DENIED))), c -> c.connect("192.0.2.1")).headerFields())
                .isEmpty();
    }

    static final class LoginAware implements MailCheck {
        final List<String> seen = new ArrayList<>();

        @Override
        public int order() {
            return 0;
        }

        @Override
        public Verdict recipient(String client, org.mxgate.mail.EmailAddress sender,
                org.mxgate.mail.EmailAddress recipient, String authenticated) {
            seen.add("aware:" + authenticated);
            return Verdict.next();
        }
    }

    @Test
    void aRecipientCheckMaySeeTheSessionsLoginAndTheOthersRunAsBefore() {
        LoginAware aware = new LoginAware();
        MailCheck plain = new MailCheck() {
            @Override
            public int order() {
                return 1;
            }

            @Override
            public Verdict recipient(String client, org.mxgate.mail.EmailAddress sender,
                    org.mxgate.mail.EmailAddress recipient) {
                aware.seen.add("plain");
                return Verdict.next();
            }
        };
        org.mxgate.mail.EmailAddress bob = org.mxgate.mail.MailboxParser.parseMailbox("bob@example.test").orElseThrow();
        CheckPipeline.run(List.of(aware, plain), c -> c.recipient("192.0.2.1", null, bob, "ann@example.test"));
        assertThat(aware.seen).containsExactly("aware:ann@example.test", "plain");
        assertThat(CheckPipeline.stagesOf(List.of(LoginAware.class))).containsExactly(CheckPipeline.Stage.RECIPIENT);
    }

    @Test
    void aCheckWithoutAnOpinionAtAStageSaysNext() {
        MailCheck quiet = () -> 1;
        assertThat(quiet.helo("192.0.2.1", "x")).isEqualTo(Verdict.next());
        assertThat(quiet.mail("192.0.2.1", "x", null)).isEqualTo(Verdict.next());
        assertThat(quiet.recipient("192.0.2.1", null, null)).isEqualTo(Verdict.next());
        assertThat(quiet.data(null, null)).isEqualTo(Verdict.next());
    }

    @Test
    void theStagesCheckedAreThoseSomeCheckOverrides() {
        MailCheck quiet = () -> 1;
        assertThat(CheckPipeline.stagesOf(List.of(check("a", Verdict.next()).getClass(), quiet.getClass())))
                .containsExactly(CheckPipeline.Stage.CONNECT);
        assertThat(CheckPipeline.stagesOf(List.of(AddressCheck.class, QuotaCheck.class)))
                .containsExactly(CheckPipeline.Stage.RECIPIENT);
        assertThat(CheckPipeline.stagesOf(List.of())).isEmpty();
    }

    @Test
    void aRefusalIsCountedUnderTheReasonOfTheCheckThatRefused() {
        List<MailCheck> refusedBy = new ArrayList<>();
        Verdict v = CheckPipeline.run(List.of(check("a", Verdict.next()), check("b", Verdict.reject(SmtpReplies.RELAY_DENIED)),
                check("c", Verdict.accept())), c -> c.connect("192.0.2.1"), refusedBy::add);
        assertThat(v.refuses()).isTrue();
        assertThat(refusedBy).hasSize(1);
        assertThat(asked).containsExactly("a", "b");
        CheckPipeline.run(List.of(check("d", Verdict.accept())), c -> c.connect("192.0.2.1"), refusedBy::add);
        assertThat(refusedBy).as("an accept is no refusal").hasSize(1);

        assertThat(CheckPipeline.reasonOf(new RelayCheck())).isEqualTo(org.mxgate.metrics.Refusal.RELAY);
        assertThat(CheckPipeline.reasonOf(new RecipientCheck())).isEqualTo(org.mxgate.metrics.Refusal.UNKNOWN_RECIPIENT);
        assertThat(CheckPipeline.reasonOf(new QuotaCheck())).isEqualTo(org.mxgate.metrics.Refusal.QUOTA);
        assertThat(CheckPipeline.reasonOf(new StorageCheck())).isEqualTo(org.mxgate.metrics.Refusal.QUOTA);
        assertThat(CheckPipeline.reasonOf(new DnsblCheck())).isEqualTo(org.mxgate.metrics.Refusal.POLICY);
        assertThat(CheckPipeline.reasonOf(refusedBy.get(0))).isEqualTo(org.mxgate.metrics.Refusal.POLICY);
    }
}
