package org.mxgate.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void aRefusalCarriesAReplyOfItsKind() {
        assertThat(Verdict.refuse(SmtpReplies.RELAY_DENIED).kind()).isEqualTo(Verdict.Kind.REJECT);
        assertThat(Verdict.refuse(SmtpReplies.OVER_QUOTA).kind()).isEqualTo(Verdict.Kind.DEFER);
        assertThat(Verdict.reject(SmtpReplies.RELAY_DENIED).refuses()).isTrue();
        assertThat(Verdict.next().refuses()).isFalse();
        assertThatThrownBy(() -> Verdict.reject(SmtpReplies.OVER_QUOTA)).hasMessageContaining("5xx");
        assertThatThrownBy(() -> Verdict.defer(SmtpReplies.RELAY_DENIED)).hasMessageContaining("4xx");
        assertThatThrownBy(() -> Verdict.reject(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAcceptOrNoOpinionAddsHeaderFieldsAndEachIsOneWellFormedField() {
        assertThat(Verdict.nextWith(List.of("Received-SPF: none")).kind()).isEqualTo(Verdict.Kind.NEXT);
        assertThat(Verdict.nextWith(List.of())).isSameAs(Verdict.next());
        assertThat(Verdict.accept().after(List.of("A: 1")).headerFields()).containsExactly("A: 1");
        assertThat(Verdict.reject(SmtpReplies.RELAY_DENIED).after(List.of("A: 1")).headerFields()).isEmpty();
        assertThat(Verdict.acceptWith(List.of("X-Spam-Flag: NO", "X-Long: a\r\n\tb")).headerFields()).hasSize(2);
        assertThatThrownBy(() -> Verdict.acceptWith(List.of("X-Bad: a\r\nX-Smuggled: b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verdict.acceptWith(List.of("no colon"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Verdict(Verdict.Kind.REJECT, SmtpReplies.RELAY_DENIED, List.of("X-A: 1"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aQuarantineTakesTheMessageForAReasonAndKeepsItBehindEarlierFields() {
        Verdict held = Verdict.quarantine("virus Eicar\r\nX-Smuggled: 1", List.of("X-Virus-Scanned: found"));
        assertThat(held.kind()).isEqualTo(Verdict.Kind.ACCEPT);
        assertThat(held.quarantine()).isEqualTo("virus Eicar  X-Smuggled: 1");
        Verdict later = held.after(List.of("Received-SPF: pass"));
        assertThat(later.quarantine()).isEqualTo(held.quarantine());
        assertThat(later.headerFields()).containsExactly("Received-SPF: pass", "X-Virus-Scanned: found");
        assertThatThrownBy(() -> new Verdict(Verdict.Kind.NEXT, null, List.of(), "held")).isInstanceOf(IllegalArgumentException.class);
    }
}
