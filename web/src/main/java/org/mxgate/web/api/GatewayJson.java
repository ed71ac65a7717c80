package org.mxgate.web.api;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mxgate.gateway.AutoCreation;
import org.mxgate.gateway.CollectionAccess;
import org.mxgate.gateway.ContentFilter;
import org.mxgate.gateway.DeliverySchedule;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.HeaderRule;
import org.mxgate.gateway.Limits;
import org.mxgate.gateway.RecipientVerification;
import org.mxgate.gateway.Routing;
import org.mxgate.queue.PrimaryHealth;
import org.mxgate.queue.QueueStatus;

/**
 * A gateway as the API shows it, with the number of its messages in each queue state and (on
 * the single-gateway view) the health of its next hop. {@code automatic} is the state of a
 * gateway mxgate created by itself (PENDING, CONFIRMED, DELISTED), null for one an operator made.
 */
public record GatewayJson(String domain, String mode, String forwardHost, Integer forwardPort, String forwardAddress,
        boolean enabled, Long maxMessages, Long maxBytes, Integer maxConnections, Integer messagesPerConnection,
        LocalDateTime createdAt, String automatic, LocalDateTime confirmBy, String createdForClient, String mxRecords,
        Collection collection, Verification verification, Senders senders, Content content, String contactAddress, LocalDateTime quotaWarnedAt, Schedule schedule,
        boolean keepCopy, String copyRetention,
        Map<String, Long> queue, PrimaryHealth health) {

    /** When the next hop may be reached; all null: any time. */
    public record Schedule(String windows, String timeZone, String interval) {
        static Schedule of(DeliverySchedule s) {
            return new Schedule(s.windows(), s.isAlways() ? null : s.timeZone(), s.interval());
        }
    }

    /** How the domain's servers may collect its mail; the password itself is never shown. */
    public record Collection(List<String> methods, List<String> allowedAddresses, boolean authRequired,
            boolean passwordSet, boolean releaseOnContact) {
        static Collection of(Gateway g) {
            CollectionAccess c = g.collection();
            return new Collection(c.methods().stream().map(Enum::name).sorted().toList(), c.allowedAddresses(),
                    c.authRequired(), c.passwordHash() != null, c.releaseOnContact());
        }
    }

    /** What the gateway asks of senders: {@code spfFail} STAMP or REFUSE, {@code mustAuthenticate}. */
    public record Senders(String spfFail, boolean mustAuthenticate) {
        static Senders of(Gateway g) {
            return new Senders(g.senders().refusesSpfFail() ? "REFUSE" : "STAMP", g.senders().sendersMustAuthenticate());
        }
    }

    /** What the gateway's mail is checked for before it is taken; {@code maxMessageSize} 0: the server's. */
    public record Content(boolean antivirus, boolean antispam, double spamTagScore, double spamRefuseScore,
            String whenScannerFails, List<String> blockedExtensions, List<String> blockedTypes, long maxMessageSize,
            String virusAction, String spamAction, List<String> senderBlock, List<String> senderAllow,
            List<String> recipientBlock, List<String> recipientAllow, List<HeaderRule.Spec> headerRules,
            String spamSubjectPrefix) {
        static Content of(Gateway g) {
            ContentFilter c = g.content();
            return new Content(c.antivirus(), c.antispam(), c.spamTagScore(), c.spamRefuseScore(),
                    c.acceptsUnscanned() ? "ACCEPT" : "DEFER", c.blockedExtensions(), c.blockedTypes(), c.maxMessageSize(),
                    c.quarantinesVirus() ? "QUARANTINE" : "REFUSE", c.quarantinesSpam() ? "QUARANTINE" : "REFUSE",
                    c.senderBlock(), c.senderAllow(), c.recipientBlock(), c.recipientAllow(), c.headerRules().stream()
                    .map(h -> new HeaderRule.Spec(h.field(), h.pattern().pattern(), h.action())).toList(),
                    c.spamSubjectPrefix());
        }
    }

    /** How recipients are verified; the LDAP bind password itself is never shown. */
    public record Verification(String method, String whenUnverifiable, String timeout, String validFor,
            String unknownFor, String ldapUrl, boolean ldapStartTls, String ldapBindDn, boolean ldapBindPasswordSet,
            String ldapBase, String ldapFilter) {
        static Verification of(Gateway g) {
            RecipientVerification v = g.verification();
            return new Verification(v.method().name(), v.whenUnverifiable().name(), v.timeout().toString(),
                    v.validFor().toString(), v.unknownFor().toString(), v.ldapUrl(), v.ldapStartTls(), v.ldapBindDn(),
                    v.ldapBindPassword() != null, v.ldapBase(), v.ldapFilter());
        }
    }

    static GatewayJson of(Gateway g, Map<QueueStatus, Long> counts) {
        return of(g, counts, null);
    }

    static GatewayJson of(Gateway g, Map<QueueStatus, Long> counts, PrimaryHealth health) {
        Map<String, Long> queue = new LinkedHashMap<>();
        for (QueueStatus s : QueueStatus.values()) {
            queue.put(s.name(), counts.getOrDefault(s, 0L));
        }
        Routing r = g.routing();
        Limits l = g.limits();
        Optional<AutoCreation> auto = g.creation();
        return new GatewayJson(g.getDomain(), r.mode().name(), r.forwardHost(), r.forwardPort(), r.forwardAddress(),
                g.isEnabled(), l.maxMessages(), l.maxBytes(), l.maxConnections(), l.messagesPerConnection(),
                g.getCreatedAt(), auto.map(a -> a.state().name()).orElse(null),
                auto.map(AutoCreation::confirmBy).orElse(null), auto.map(AutoCreation::createdForClient).orElse(null),
                auto.map(AutoCreation::mxRecords).orElse(null), Collection.of(g), Verification.of(g), Senders.of(g), Content.of(g), g.contactAddress(), g.quotaWarnedAt(),
                Schedule.of(g.schedule()), g.routing().keepsCopy(), g.routing().keepsCopy()
                        ? g.routing().copyRetention().toString() : null, queue, health);
    }
}
