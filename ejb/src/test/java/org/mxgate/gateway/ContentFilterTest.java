package org.mxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mxgate.admin.ServiceException;

class ContentFilterTest {

    private static ContentSpec spec(Double tag, Double refuse, String fails, String extensions, String types, Long size) {
        return new ContentSpec(null, null, tag, refuse, fails, extensions, types, size, null, null, null, null, null, null, null, null);
    }

    @Test
    void theDefaultsScanAndRefuseExecutables() {
        ContentFilter f = ContentFilter.defaults();
        assertThat(f.antivirus()).isTrue();
        assertThat(f.antispam()).isTrue();
        assertThat(f.spamTagScore()).isEqualTo(5.0);
        assertThat(f.spamRefuseScore()).isEqualTo(10.0);
        assertThat(f.acceptsUnscanned()).isFalse();
        assertThat(f.blockedExtensions()).contains("exe", "scr", "js");
        assertThat(f.maxMessageSize()).isZero();
    }

    @Test
    void aChangeKeepsWhatItLeavesOutAndListsAreNormalised() {
        ContentFilter f = ContentFilter.defaults().with(new ContentSpec(false, null, null, null, null, " .EXE, bat  cmd,", null, null, null, null, null, null, null, null, null, null));
        assertThat(f.antivirus()).isFalse();
        assertThat(f.blockedExtensions()).containsExactly("exe", "bat", "cmd");
        ContentFilter g = f.with(spec(2.0, null, "Accept", null, "", 5000L));
        assertThat(g.antivirus()).isFalse();
        assertThat(g.blockedExtensions()).containsExactly("exe", "bat", "cmd");
        assertThat(g.blockedTypes()).isEmpty();
        assertThat(g.acceptsUnscanned()).isTrue();
        assertThat(g.maxMessageSize()).isEqualTo(5000);
        assertThat(g.with(spec(null, null, "defer", "default", null, 0L)).blockedExtensions())
                .isEqualTo(ContentFilter.DEFAULT_EXTENSIONS);
        assertThat(g.copy().spamTagScore()).isEqualTo(2.0);
    }

    @Test
    void badValuesNameTheirField() {
        ContentFilter f = ContentFilter.defaults();
        assertThatThrownBy(() -> f.with(spec(-1.0, null, null, null, null, null))).isInstanceOf(ServiceException.class)
                .hasMessageContaining("spamTagScore");
        assertThatThrownBy(() -> f.with(spec(8.0, 6.0, null, null, null, null))).hasMessageContaining("spamRefuseScore")
                .hasMessageContaining("below");
        assertThatThrownBy(() -> f.with(spec(null, null, "maybe", null, null, null))).hasMessageContaining("whenScannerFails");
        assertThatThrownBy(() -> f.with(spec(null, null, null, "exe;rm", null, null))).hasMessageContaining("blockedExtensions");
        assertThatThrownBy(() -> f.with(spec(null, null, null, null, "notatype", null))).hasMessageContaining("blockedTypes");
        assertThatThrownBy(() -> f.with(spec(null, null, null, null, null, -5L))).hasMessageContaining("maxMessageSize");
        assertThatThrownBy(() -> f.with(new ContentSpec(null, null, null, null, null, null, null, null, "hold", null, null, null, null, null, null, null)))
                .hasMessageContaining("virusAction");
        ContentFilter held = f.with(new ContentSpec(null, null, null, null, null, null, null, null, null, "QUARANTINE", null, null, null, null, null, null));
        assertThat(held.quarantinesSpam()).isTrue();
        assertThat(held.quarantinesVirus()).isFalse();
        assertThat(held.with(new ContentSpec(null, null, null, null, null, null, null, null, null, "refuse", null, null, null, null, null, null))
                .quarantinesSpam()).isFalse();
        assertThatThrownBy(() -> f.with(new ContentSpec(null, null, null, null, null, null, null, null, null, null,
                "spammer", null, null, null, null, null))).hasMessageContaining("senderBlock").hasMessageContaining("'spammer'");
        ContentFilter rules = f.with(new ContentSpec(null, null, null, null, null, null, null, null, null, null,
                "*@spam.example", "partner@*", "old-*@example.com", "abuse@example.com", null, null));
        assertThat(rules.blocksSender("x@SPAM.example")).isTrue();
        assertThat(rules.blocksSender(null)).isFalse();
        assertThat(rules.allowsSender("partner@bank.test")).isTrue();
        assertThat(rules.blocksRecipient("old-sales@example.com")).isTrue();
        assertThat(rules.allowsRecipient("abuse@example.com")).isTrue();
        assertThat(rules.copy().senderBlock()).containsExactly("*@spam.example");
        assertThat(rules.with(new ContentSpec(null, null, null, null, null, null, null, null, null, null, "", null, null, null, null, null))
                .senderBlock()).isEmpty();
        assertThat(f.with(spec(3.0, 0.0, null, null, null, null)).spamRefuseScore()).isZero();
    }
}
