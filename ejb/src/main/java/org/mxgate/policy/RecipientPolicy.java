package org.mxgate.policy;

import java.util.Optional;
import java.util.function.Function;
import org.mxgate.gateway.Gateway;
import org.mxgate.mail.EmailAddress;
import org.mxgate.smtp.SmtpReplies;
import org.mxgate.smtp.SmtpReply;

/**
 * The relay decision: mxgate accepts mail only for domains it has a gateway for. Address
 * literals and local parts with routing characters ({@code %}, {@code !}, {@code @}) are refused
 * even for gateway domains, since a downstream server might route them onward.
 */
public final class RecipientPolicy {

    private final Function<String, Optional<Gateway>> gateways;

    /** @param gateways finds the gateway for a lower-case domain */
    public RecipientPolicy(Function<String, Optional<Gateway>> gateways) {
        this.gateways = gateways;
    }

    /** The refusal, or {@code null} when the recipient is accepted. */
    public SmtpReply check(EmailAddress recipient) {
        if (recipient.isAddressLiteral() || recipient.hasRoutingCharacters()) {
            return SmtpReplies.RELAY_DENIED;
        }
        Optional<Gateway> gateway = gateways.apply(recipient.domainKey());
        if (gateway.isEmpty()) {
            return SmtpReplies.RELAY_DENIED;
        }
        if (!gateway.get().isEnabled()) {
            return SmtpReplies.GATEWAY_DISABLED;
        }
        return null;
    }
}
