package org.mxgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mxgate.mail.MailboxParser;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;

class AddressCheckTest {

    private static Verdict check(String address) {
        return AddressCheck.decide(MailboxParser.parseMailbox(address).orElseThrow());
    }

    @Test
    void routingTricksAreRefusedAsRelayingWhateverTheDomain() {
        assertThat(check("eve%other.test@example.test")).isEqualTo(Verdict.reject(SmtpReplies.RELAY_DENIED));
        assertThat(check("other.test!eve@example.test")).isEqualTo(Verdict.reject(SmtpReplies.RELAY_DENIED));
        assertThat(check("\"eve@other.test\"@example.test")).isEqualTo(Verdict.reject(SmtpReplies.RELAY_DENIED));
        assertThat(check("eve@[127.0.0.1]")).isEqualTo(Verdict.reject(SmtpReplies.RELAY_DENIED));
    }

    @Test
    void aPlainAddressIsLeftToTheNextChecks() {
        assertThat(check("bob@example.test")).isEqualTo(Verdict.next());
        assertThat(check("bob.smith+tag@EXAMPLE.Test")).isEqualTo(Verdict.next());
    }
}
