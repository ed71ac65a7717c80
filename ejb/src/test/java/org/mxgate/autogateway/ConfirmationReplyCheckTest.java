package org.mxgate.autogateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mxgate.mail.MailboxParser;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;

class ConfirmationReplyCheckTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";

    private static Optional<String> token(String address) {
        return AutoGatewayService.confirmationToken(MailboxParser.parseMailbox(address).orElseThrow(), "gw.example.net");
    }

    @Test
    void aReplyToAPendingConfirmationIsTakenBeforeTheRelayDecision() {
        assertThat(ConfirmationReplyCheck.decide(token("confirm+" + TOKEN + "@GW.example.net"), TOKEN::equals))
                .isEqualTo(Verdict.accept());
    }

    @Test
    void aTokenNotPendingIsRefusedAndOtherAddressesAreLeftToTheNextChecks() {
        assertThat(ConfirmationReplyCheck.decide(token("confirm+" + TOKEN + "@gw.example.net"), t -> false))
                .isEqualTo(Verdict.reject(SmtpReplies.NO_SUCH_CONFIRMATION));
        assertThat(ConfirmationReplyCheck.decide(token("confirm+" + TOKEN + "@other.example"), t -> true))
                .isEqualTo(Verdict.next());
        assertThat(ConfirmationReplyCheck.decide(token("confirm+short@gw.example.net"), t -> true))
                .isEqualTo(Verdict.next());
    }
}
