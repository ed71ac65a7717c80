package org.mxgate.policy;

import java.util.Optional;
import java.util.function.Function;
import org.mxgate.gateway.AutoState;
import org.mxgate.gateway.Gateway;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;

/**
 * The relay decision: mxgate accepts mail only for domains it has a gateway for, while that
 * gateway is enabled and under its quota (a full gateway answers {@code 452 4.2.2}, never a later
 * bounce). Address
 * literals and local parts with routing characters ({@code %}, {@code !}, {@code @}) are refused
 * even for gateway domains, since a downstream server might route them onward.
 */
public final class RecipientPolicy {

    /** What a gateway stores now, for its quota. */
    public record Usage(long messages, long bytes) {
    }

    private final Function<String, Optional<Gateway>> gateways;
    private final Function<String, Usage> usage;
    private final Function<String, SmtpReply> unknownDomain;

    /**
     * @param gateways finds the gateway for a lower-case domain
     * @param usage what a gateway stores now; asked only for gateways with a quota
     * @param unknownDomain asked for a domain without a gateway: its refusal, or null once a
     *        gateway exists for it (created automatically)
     */
    public RecipientPolicy(Function<String, Optional<Gateway>> gateways, Function<String, Usage> usage,
            Function<String, SmtpReply> unknownDomain) {
        this.gateways = gateways;
        this.usage = usage;
        this.unknownDomain = unknownDomain;
    }

    /** A policy that refuses every domain without a gateway. */
    public RecipientPolicy(Function<String, Optional<Gateway>> gateways, Function<String, Usage> usage) {
        this(gateways, usage, domain -> SmtpReplies.RELAY_DENIED);
    }

    /** The refusal, or {@code null} when the recipient is accepted. */
    public SmtpReply check(EmailAddress recipient) {
        if (recipient.isAddressLiteral() || recipient.hasRoutingCharacters()) {
            return SmtpReplies.RELAY_DENIED;
        }
        Optional<Gateway> gateway = gateways.apply(recipient.domainKey());
        if (gateway.isEmpty()) {
            SmtpReply refusal = unknownDomain.apply(recipient.domainKey());
            if (refusal != null) {
                return refusal;
            }
            gateway = gateways.apply(recipient.domainKey());
            if (gateway.isEmpty()) {
                return SmtpReplies.SYSTEM_ERROR;
            }
        }
        if (gateway.get().getAutoState() == AutoState.DELISTED) {
            return SmtpReplies.NO_LONGER_MX;
        }
        if (!gateway.get().isEnabled()) {
            return SmtpReplies.GATEWAY_DISABLED;
        }
        if (gateway.get().hasQuota()) {
            Usage u = usage.apply(gateway.get().getDomain());
            if (gateway.get().isOverQuota(u.messages(), u.bytes())) {
                return SmtpReplies.OVER_QUOTA;
            }
        }
        return null;
    }
}
