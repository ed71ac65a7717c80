package org.mxgate.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mxgate.gateway.ContentFilter;
import org.mxgate.gateway.HeaderRule;
import org.mxgate.mail.Attachments.Attachment;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;

/**
 * The content filters of the gateways one message is for, made one: a message for several
 * gateways is taken only if each of them would take it. So a scanner is asked if any gateway
 * asks it; the lowest tag and refuse scores, the smallest size limit and every refused
 * attachment type apply (and the first subject prefix); mail is taken unscanned, and a virus or spam kept in the quarantine
 * rather than refused, only if every gateway says so.
 */
record ContentRules(boolean antivirus, boolean antispam, double tagScore, double refuseScore,
        boolean acceptsUnscanned, Set<String> blockedExtensions, Set<String> blockedTypes, long maxMessageSize,
        boolean quarantinesVirus, boolean quarantinesSpam, List<HeaderRule> headerRules, String subjectPrefix) {

    static ContentRules of(List<ContentFilter> filters) {
        return of(filters, f -> false);
    }

    /** As {@link #of(List)}, with the spam check left out for the filters {@code spamExempt} names. */
    static ContentRules of(List<ContentFilter> filters, java.util.function.Predicate<ContentFilter> spamExempt) {
        boolean antivirus = false;
        boolean antispam = false;
        double tag = Double.MAX_VALUE;
        double refuse = 0;
        boolean acceptsUnscanned = true;
        Set<String> extensions = new LinkedHashSet<>();
        Set<String> types = new LinkedHashSet<>();
        long size = 0;
        List<HeaderRule> headerRules = new java.util.ArrayList<>();
        String prefix = "";
        boolean virusHeld = !filters.isEmpty();
        boolean spamHeld = !filters.isEmpty();
        for (ContentFilter f : filters) {
            virusHeld &= f.quarantinesVirus();
            spamHeld &= f.quarantinesSpam();
            antivirus |= f.antivirus();
            if (f.antispam() && !spamExempt.test(f)) {
                antispam = true;
                if (prefix.isEmpty()) {
                    prefix = f.spamSubjectPrefix();
                }
                tag = Math.min(tag, f.spamTagScore());
                if (f.spamRefuseScore() > 0) {
                    refuse = refuse == 0 ? f.spamRefuseScore() : Math.min(refuse, f.spamRefuseScore());
                }
            }
            acceptsUnscanned &= f.acceptsUnscanned();
            headerRules.addAll(f.headerRules());
            extensions.addAll(f.blockedExtensions());
            types.addAll(f.blockedTypes());
            if (f.maxMessageSize() > 0) {
                size = size == 0 ? f.maxMessageSize() : Math.min(size, f.maxMessageSize());
            }
        }
        return new ContentRules(antivirus, antispam, antispam ? tag : 0, refuse, acceptsUnscanned,
                Set.copyOf(extensions), Set.copyOf(types), size, virusHeld, spamHeld, List.copyOf(headerRules), prefix);
    }

    /** The refusal for a message of {@code size} octets over the gateways' own limit, if it is. */
    Optional<SmtpReply> size(long size) {
        return maxMessageSize > 0 && size > maxMessageSize
                ? Optional.of(SmtpReplies.tooBigForGateway(maxMessageSize)) : Optional.empty();
    }

    /** The refusal for the first part of a refused type (extension first, then MIME type), if any. */
    Optional<SmtpReply> attachments(List<Attachment> parts) {
        for (Attachment part : parts) {
            String extension = part.extension();
            if (!extension.isEmpty() && blockedExtensions.contains(extension)) {
                return Optional.of(SmtpReplies.attachmentRefused("attachment \"" + part.fileName() + "\"",
                        "blockedExtensions: " + extension));
            }
            if (blockedTypes.contains(part.mimeType())) {
                return Optional.of(SmtpReplies.attachmentRefused(part.fileName() == null ? "a part of type "
                        + part.mimeType() : "attachment \"" + part.fileName() + "\"", "blockedTypes: " + part.mimeType()));
            }
        }
        return Optional.empty();
    }

    /**
     * The first header rule a field of the message matches ({@code header} gives a field's
     * values), refusing rules of any gateway before holding ones.
     */
    Optional<HeaderRule> headerRule(java.util.function.Function<String, List<String>> header) {
        Optional<HeaderRule> refusing = headerRules.stream().filter(r -> !r.quarantines())
                .filter(r -> r.matchesAny(header.apply(r.field()))).findFirst();
        return refusing.isPresent() ? refusing : headerRules.stream().filter(HeaderRule::quarantines)
                .filter(r -> r.matchesAny(header.apply(r.field()))).findFirst();
    }

    /** Whether a spam score refuses the message. */
    boolean refusesSpam(double score) {
        return antispam && refuseScore > 0 && score >= refuseScore;
    }

    /** Whether a spam score marks the message as spam. */
    boolean tagsSpam(double score) {
        return antispam && score >= tagScore;
    }
}
