package org.mxgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mxgate.gateway.WhenUnverifiable;

class RecipientVerifierTest {

    @Test
    void aFreshAnswerDecidesWhateverTheRule() {
        for (WhenUnverifiable rule : WhenUnverifiable.values()) {
            assertThat(RecipientVerifier.decide(Answer.VALID, false, rule)).isEqualTo(Decision.ACCEPT);
            assertThat(RecipientVerifier.decide(Answer.UNKNOWN, true, rule)).isEqualTo(Decision.UNKNOWN);
        }
    }

    @Test
    void withoutAnAnswerOnlyAnAddressKnownValidBeforeIsTakenByDefault() {
        assertThat(RecipientVerifier.decide(Answer.UNAVAILABLE, true, WhenUnverifiable.KNOWN)).isEqualTo(Decision.ACCEPT);
        assertThat(RecipientVerifier.decide(Answer.UNAVAILABLE, false, WhenUnverifiable.KNOWN)).isEqualTo(Decision.DEFER);
        assertThat(RecipientVerifier.decide(Answer.UNAVAILABLE, false, WhenUnverifiable.ACCEPT)).isEqualTo(Decision.ACCEPT);
        assertThat(RecipientVerifier.decide(Answer.UNAVAILABLE, true, WhenUnverifiable.DEFER)).isEqualTo(Decision.DEFER);
    }
}
