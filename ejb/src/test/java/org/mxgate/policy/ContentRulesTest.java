package org.mxgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxgate.gateway.ContentFilter;
import org.mxgate.gateway.ContentSpec;
import org.mxgate.gateway.GatewayTestData;
import org.mxgate.mail.Attachments.Attachment;
import org.mxgate.mail.Verdict;
import org.mxgate.scan.ScanResult;
import org.mxgate.scan.ScanResult.State;

class ContentRulesTest {

    private static final ContentRules DEFAULTS = ContentRules.of(List.of(ContentFilter.defaults()));

    private static ScanResult result(String scanner, State state, String finding, double score, String problem) {
        return new ScanResult(scanner, state, finding, score, List.of("RULE_A", "RULE_B"), problem);
    }

    @Test
    void aMessageForSeveralGatewaysMeetsTheStrictestOfEach() {
        ContentFilter lenient = GatewayTestData.content(new ContentSpec(false, null, 8.0, 0.0, "ACCEPT", "", null, 0L, null, null, null, null, null, null, null, null));
        ContentFilter strict = GatewayTestData.content(new ContentSpec(null, true, 3.0, 6.0, null, "zip", null, 1000L, null, null, null, null, null, null, null, null));
        ContentRules both = ContentRules.of(List.of(lenient, strict));
        assertThat(both.antivirus()).isTrue();
        assertThat(both.tagScore()).isEqualTo(3.0);
        assertThat(both.refuseScore()).isEqualTo(6.0);
        assertThat(both.acceptsUnscanned()).isFalse();
        assertThat(both.blockedExtensions()).containsExactly("zip");
        assertThat(both.size(1001)).isPresent();
        ContentRules alone = ContentRules.of(List.of(lenient));
        assertThat(alone.antivirus()).isFalse();
        assertThat(alone.refusesSpam(1000)).isFalse();
        assertThat(alone.tagsSpam(8)).isTrue();
        assertThat(alone.acceptsUnscanned()).isTrue();
        assertThat(alone.size(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aGatewayThatExemptsTheMessageFromTheSpamCheckLeavesItToTheOthers() {
        ContentFilter a = ContentFilter.defaults();
        ContentFilter b = GatewayTestData.content(new ContentSpec(null, null, 2.0, null, null, null, null, null, null, null, null, null, null, null, null, null));
        ContentRules oneExempt = ContentRules.of(List.of(a, b), f -> f == b);
        assertThat(oneExempt.antispam()).isTrue();
        assertThat(oneExempt.tagScore()).as("b's lower tag score does not apply").isEqualTo(5.0);
        assertThat(ContentRules.of(List.of(a, b), f -> true).antispam()).isFalse();
        assertThat(ContentRules.of(List.of(a, b), f -> true).antivirus()).as("only the spam check").isTrue();
    }

    @Test
    void aRefusingHeaderRuleOfAnyGatewayComesBeforeAHoldingOne() {
        ContentFilter holds = GatewayTestData.content(new ContentSpec(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, List.of(new org.mxgate.gateway.HeaderRule.Spec("Subject", "sale", "QUARANTINE")), null));
        ContentFilter refuses = GatewayTestData.content(new ContentSpec(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, List.of(new org.mxgate.gateway.HeaderRule.Spec("subject", "(?i)SALE", "REFUSE")), null));
        ContentRules both = ContentRules.of(List.of(holds, refuses));
        assertThat(both.headerRule(f -> f.equalsIgnoreCase("subject") ? List.of("big sale") : List.of()).orElseThrow()
                .quarantines()).isFalse();
        assertThat(ContentRules.of(List.of(holds)).headerRule(f -> List.of("big sale")).orElseThrow().quarantines()).isTrue();
        assertThat(both.headerRule(f -> List.of("hello"))).isEmpty();
    }

    @Test
    void theFirstRefusedPartIsNamedWithItsRule() {
        assertThat(DEFAULTS.attachments(List.of(new Attachment(null, "text/plain"), new Attachment("a.PDF", "application/pdf"))))
                .isEmpty();
        assertThat(DEFAULTS.attachments(List.of(new Attachment("invoice.pdf.exe", "application/pdf"))).orElseThrow()
                .toString()).contains("554 5.7.1").contains("\"invoice.pdf.exe\"").contains("rule blockedExtensions: exe");
        assertThat(DEFAULTS.attachments(List.of(new Attachment(null, "application/x-msdownload"))).orElseThrow().text())
                .contains("a part of type application/x-msdownload").contains("rule blockedTypes");
    }

    @Test
    void aVirusOrASpamScoreOverTheLimitRefusesAndAFailedScannerDefers() {
        Verdict virus = ContentCheck.decide("gw.test", DEFAULTS, result("clamd", State.FOUND, "Eicar", 0, null), null, "hello");
        assertThat(virus.reply().code()).isEqualTo(554);
        assertThat(virus.reply().text()).contains("Eicar").contains("rule antivirus");
        Verdict spam = ContentCheck.decide("gw.test", DEFAULTS, result("clamd", State.CLEAN, null, 0, null),
                result("spamd", State.CLEAN, null, 10.0, null), "hello");
        assertThat(spam.reply().code()).isEqualTo(550);
        Verdict down = ContentCheck.decide("gw.test", DEFAULTS, result("clamd", State.FAILED, null, 0, "clamd at x unreachable"),
                result("spamd", State.CLEAN, null, 1, null), "hello");
        assertThat(down.kind()).isEqualTo(Verdict.Kind.DEFER);
        assertThat(down.reply().status()).isEqualTo("4.7.1");
    }

    @Test
    void aVirusOrSpamIsHeldInsteadWhereEveryGatewayOfTheMessageSaysSo() {
        ContentFilter holding = GatewayTestData.content(new ContentSpec(null, null, null, null, null, null, null, null,
                "quarantine", "Quarantine", null, null, null, null, null, null));
        ContentRules held = ContentRules.of(List.of(holding));
        Verdict virus = ContentCheck.decide("gw.test", held, result("clamd", State.FOUND, "Eicar", 0, null), null, "hello");
        assertThat(virus.kind()).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(virus.quarantine()).isEqualTo("virus Eicar");
        assertThat(virus.headerFields()).containsExactly("X-Virus-Scanned: clamd on gw.test; found Eicar");
        Verdict spam = ContentCheck.decide("gw.test", held, result("clamd", State.CLEAN, null, 0, null),
                result("spamd", State.CLEAN, null, 12.0, null), "hello");
        assertThat(spam.quarantine()).isEqualTo("spam, score 12.0 of 10.0");
        assertThat(spam.headerFields()).contains("X-Spam-Flag: YES");
        assertThat(ContentCheck.decide("gw.test", held, null, result("spamd", State.CLEAN, null, 6.0, null), "hello").quarantine())
                .isNull();
        ContentRules mixed = ContentRules.of(List.of(holding, ContentFilter.defaults()));
        assertThat(ContentCheck.decide("gw.test", mixed, result("clamd", State.FOUND, "Eicar", 0, null), null, "hello").kind())
                .isEqualTo(Verdict.Kind.REJECT);
    }

    @Test
    void spamGetsTheSubjectPrefixOnceAndOnlyWhenMarked() {
        ContentRules prefixed = ContentRules.of(List.of(GatewayTestData.content(new ContentSpec(null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, "[SPAM]"))));
        ScanResult clean = result("clamd", State.CLEAN, null, 0, null);
        assertThat(ContentCheck.decide("gw.test", prefixed, clean, result("spamd", State.CLEAN, null, 6.0, null),
                "Cheap\r\n watches").headerFields()).contains("Subject: [SPAM] Cheap watches");
        assertThat(ContentCheck.decide("gw.test", prefixed, clean, result("spamd", State.CLEAN, null, 1.0, null),
                "Hello").headerFields()).noneMatch(f -> f.startsWith("Subject:"));
        assertThat(ContentCheck.subjectWithPrefix("[SPAM]", "[SPAM] again")).isEmpty();
        assertThat(ContentCheck.subjectWithPrefix("[SPAM]", "")).contains("Subject: [SPAM]");
        assertThat(ContentCheck.subjectWithPrefix("[SPAM]", "x".repeat(901))).isEmpty();
    }

    @Test
    void takenMailCarriesWhatEachScannerSaid() {
        Verdict tagged = ContentCheck.decide("gw.test", DEFAULTS, result("clamd", State.CLEAN, null, 0, null),
                result("spamd", State.CLEAN, null, 6.25, null), "hello");
        assertThat(tagged.kind()).isEqualTo(Verdict.Kind.NEXT);
        assertThat(tagged.headerFields()).containsExactly("X-Virus-Scanned: clamd on gw.test; clean", "X-Spam-Flag: YES",
                "X-Spam-Score: 6.3", "X-Spam-Status: Yes, score=6.3 tag=5.0 refuse=10.0 tests=RULE_A,RULE_B");
        ContentRules accepting = ContentRules.of(List.of(GatewayTestData.content(new ContentSpec(null, null, null, null, "accept", null, null, null, null, null, null, null, null, null, null, null))));
        Verdict unscanned = ContentCheck.decide("gw.test", accepting, result("clamd", State.FAILED, null, 0,
                "clamd at x did not answer within 30 s"), result("spamd", State.SKIPPED, null, 0, "message over 500000"), "hello");
        assertThat(unscanned.headerFields()).containsExactly("X-Spam-Status: No, not scanned (message over 500000)",
                "X-Virus-Scanned: not scanned (clamd at x did not answer within 30 s)");
    }
}
