package org.mxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderRuleTest {

    @Test
    void rulesAreStoredOnePerLineAndReadBack() {
        String stored = HeaderRule.store(List.of(new HeaderRule.Spec(" Subject ", "(?i)overdue invoice", "refuse"),
                new HeaderRule.Spec("X-Mailer", "Bulk Mailer \\d+", "Quarantine")));
        assertThat(stored).isEqualTo("REFUSE Subject (?i)overdue invoice\nQUARANTINE X-Mailer Bulk Mailer \\d+");
        List<HeaderRule> rules = HeaderRule.read(stored);
        assertThat(rules).extracting(HeaderRule::field).containsExactly("Subject", "X-Mailer");
        assertThat(rules.get(0).matchesAny(List.of("Re: hello", "Your OVERDUE Invoice #4"))).isTrue();
        assertThat(rules.get(0).quarantines()).isFalse();
        assertThat(rules.get(1).matchesAny(List.of("Bulk Mailer 7"))).isTrue();
        assertThat(rules.get(1).matchesAny(List.of())).isFalse();
        assertThat(rules.get(1).name()).isEqualTo("X-Mailer ~ Bulk Mailer \\d+");
        assertThat(HeaderRule.read(null)).isEmpty();
    }

    @Test
    void aBadRuleIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> HeaderRule.store(List.of(new HeaderRule.Spec("Subject", "ok", "REFUSE"),
                new HeaderRule.Spec("Subject", "(unclosed", "REFUSE")))).hasMessageContaining("headerRules[1]")
                .hasMessageContaining("not a regular expression");
        assertThatThrownBy(() -> HeaderRule.store(List.of(new HeaderRule.Spec("Sub ject", "x", "REFUSE"))))
                .hasMessageContaining("field");
        assertThatThrownBy(() -> HeaderRule.store(List.of(new HeaderRule.Spec("Subject", "x", "DROP"))))
                .hasMessageContaining("REFUSE or QUARANTINE");
        assertThatThrownBy(() -> HeaderRule.store(List.of(new HeaderRule.Spec("Subject", "a\nb", "REFUSE"))))
                .hasMessageContaining("one line");
    }
}
