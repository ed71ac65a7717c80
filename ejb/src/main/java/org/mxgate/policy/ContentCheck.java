package org.mxgate.policy;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;
import org.mxgate.dns.AddressRanges;
import org.mxgate.gateway.ContentFilter;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayDirectory;
import org.mxgate.gateway.HeaderRule;
import org.mxgate.mail.Attachments;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Envelope;
import org.mxgate.mail.ReceivedMessage;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;
import org.mxgate.mail.Verdict;
import org.mxgate.scan.Clamd;
import org.mxgate.scan.ScanResult;
import org.mxgate.scan.Spamd;

/**
 * The content front end at the end of DATA, before the {@code 250}: the gateways' own size
 * limit, refused attachment types, then clamd and spamd asked at the same time. A virus is
 * refused ({@code 554 5.7.1}), spam from the refuse score on too ({@code 550 5.7.1}); from the
 * tag score on the message is marked ({@code X-Spam-Flag: YES}); where the gateways say so, a
 * virus or spam is taken and kept in the quarantine instead. A scanner that cannot answer
 * defers the mail ({@code 451 4.7.1}) unless every gateway of the message takes it unscanned,
 * which is then written into it. Mail from trusted networks is not checked unless
 * {@code MXGATE_SCAN_TRUSTED=true}.
 */
@ApplicationScoped
public class ContentCheck implements MailCheck {

    private static final Logger LOG = Logger.getLogger(ContentCheck.class.getName());
    /** The rules named in X-Spam-Status, at most (a header line stays readable). */
    private static final int MAX_RULES_SHOWN = 30;

    @Inject
    GatewaySettings settings;

    @Inject
    GatewayDirectory gateways;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    private Clamd clamd;
    private Spamd spamd;
    private AddressRanges exempt;
    private String hostname;

    @PostConstruct
    void start() {
        clamd = settings.clamd().map(a -> new Clamd(a, settings.scanTimeout(), settings.clamdMaxStream(),
                settings.scanConnections())).orElse(null);
        spamd = settings.spamd().map(a -> new Spamd(a, settings.scanTimeout(), settings.spamdMaxSize(),
                settings.scanConnections())).orElse(null);
        exempt = settings.scanTrusted() ? AddressRanges.parse("").orElseThrow() : settings.trustedNetworks();
        hostname = settings.hostname();
        if (clamd != null || spamd != null) {
            LOG.info("content scanners: clamd " + (clamd == null ? "off" : "at " + clamd.address()) + ", spamd "
                    + (spamd == null ? "off" : "at " + spamd.address()));
        }
    }

    @Override
    public int order() {
        return 600;
    }

    /** The configured scanners and how each has been doing (empty when none is configured). */
    public List<org.mxgate.scan.ScannerHealth.State> scanners() {
        List<org.mxgate.scan.ScannerHealth.State> states = new ArrayList<>();
        if (clamd != null) {
            states.add(clamd.health());
        }
        if (spamd != null) {
            states.add(spamd.health());
        }
        return states;
    }

    /** The gateway's sender and recipient block lists, at RCPT. */
    @Override
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        if (exempt.containsClient(client)) {
            return Verdict.next();
        }
        Optional<ContentFilter> f = gateways.find(recipient.domainKey()).map(Gateway::content);
        if (f.isEmpty()) {
            return Verdict.next();
        }
        if (f.get().blocksRecipient(recipient.toString())) {
            return Verdict.reject(SmtpReplies.refusedByRule("recipient", "recipientBlock"));
        }
        if (sender != null && f.get().blocksSender(sender.toString())) {
            return Verdict.reject(SmtpReplies.refusedByRule("sender", "senderBlock"));
        }
        return Verdict.next();
    }

    @Override
    public Verdict data(Envelope envelope, ReceivedMessage message) {
        if (exempt.containsClient(envelope.clientAddress())) {
            return Verdict.next();
        }
        String sender = envelope.sender() == null ? null : envelope.sender().toString();
        Map<String, List<String>> byDomain = new LinkedHashMap<>();
        for (EmailAddress r : envelope.recipients()) {
            byDomain.computeIfAbsent(r.domainKey(), d -> new ArrayList<>()).add(r.toString());
        }
        List<ContentFilter> filters = new ArrayList<>();
        List<ContentFilter> spamExempt = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byDomain.entrySet()) {
            ContentFilter f = filter(e.getKey());
            filters.add(f);
            // a gateway allowing the sender, or each of its recipients here, does not want spam checked
            if (f.allowsSender(sender) || e.getValue().stream().allMatch(f::allowsRecipient)) {
                spamExempt.add(f);
            }
        }
        ContentRules rules = ContentRules.of(filters, f -> spamExempt.stream().anyMatch(x -> x == f));
        Optional<SmtpReply> refusal = rules.size(message.size());
        if (refusal.isEmpty()) {
            refusal = rules.attachments(parts(message));
        }
        if (refusal.isPresent()) {
            return Verdict.reject(refusal.get());
        }
        Optional<HeaderRule> rule = rules.headerRule(message::header);
        if (rule.isPresent() && !rule.get().quarantines()) {
            return Verdict.reject(SmtpReplies.refusedByHeaderRule(rule.get().field()));
        }
        if (rule.isPresent()) {
            return Verdict.quarantine("header rule " + rule.get().name(), List.of());
        }
        return scanned(rules, message);
    }

    /** What the scanners the rules ask say of {@code message}, both asked at once. */
    private Verdict scanned(ContentRules rules, ReceivedMessage message) {
        Future<ScanResult> virus = rules.antivirus() && clamd != null
                ? submit(() -> scan(message, in -> clamd.scan(in, message.size()), "clamd")) : null;
        ScanResult spam = rules.antispam() && spamd != null
                ? scan(message, in -> spamd.check(in, message.size()), "spamd") : null;
        List<String> subjects = message.header("Subject");
        return decide(hostname, rules, virus == null ? null : await(virus), spam,
                subjects.isEmpty() ? "" : subjects.get(0));
    }

    /**
     * Asks the scanners again about a stored message of {@code gatewayDomain} (an operator's
     * release after a re-scan): the verdict the gateway's filter gives on their answers, the
     * size, attachment and header rules left out.
     */
    public Verdict rescan(String gatewayDomain, ReceivedMessage message) {
        return scanned(ContentRules.of(List.of(filter(gatewayDomain))), message);
    }

    /**
     * The verdict on the scanners' results (null: not asked), stamped under {@code hostname}; mail
     * marked as spam gets the rules' subject prefix before {@code subject} (its own, "" if none).
     */
    static Verdict decide(String hostname, ContentRules rules, ScanResult virus, ScanResult spam, String subject) {
        List<String> stamps = new ArrayList<>();
        List<ScanResult> failures = new ArrayList<>();
        String quarantine = null;
        if (virus != null) {
            switch (virus.state()) {
                case FOUND -> {
                    if (rules.quarantinesVirus()) {
                        return Verdict.quarantine("virus " + virus.finding(), List.of(
                                "X-Virus-Scanned: clamd on " + hostname + "; found " + virus.finding()));
                    }
                    return Verdict.reject(SmtpReplies.virusFound(virus.finding()));
                }
                case CLEAN -> stamps.add("X-Virus-Scanned: clamd on " + hostname + "; clean");
                case SKIPPED -> stamps.add("X-Virus-Scanned: not scanned (" + virus.problem() + ")");
                case FAILED -> failures.add(virus);
            }
        }
        if (spam != null) {
            switch (spam.state()) {
                case CLEAN, FOUND -> {
                    if (rules.refusesSpam(spam.score())) {
                        if (!rules.quarantinesSpam()) {
                            return Verdict.reject(SmtpReplies.spamRefused(spam.score(), rules.refuseScore()));
                        }
                        quarantine = String.format(Locale.ROOT, "spam, score %.1f of %.1f", spam.score(),
                                rules.refuseScore());
                    }
                    stamps.addAll(spamFields(rules, spam));
                    if (rules.tagsSpam(spam.score()) && !rules.subjectPrefix().isEmpty()) {
                        subjectWithPrefix(rules.subjectPrefix(), subject).ifPresent(stamps::add);
                    }
                }
                case SKIPPED -> stamps.add("X-Spam-Status: No, not scanned (" + spam.problem() + ")");
                case FAILED -> failures.add(spam);
            }
        }
        if (!failures.isEmpty()) {
            LOG.warning("content scan failed: " + String.join("; ", failures.stream().map(ScanResult::problem).toList())
                    + (rules.acceptsUnscanned() ? " (taken unscanned, as its gateways allow)" : " (deferred)"));
            if (!rules.acceptsUnscanned()) {
                return Verdict.defer(SmtpReplies.notScanned());
            }
            for (ScanResult failure : failures) {
                stamps.add((failure.scanner().equals("clamd") ? "X-Virus-Scanned: " : "X-Spam-Status: No, ")
                        + "not scanned (" + failure.problem().replaceAll("[\\r\\n]", " ") + ")");
            }
        }
        return quarantine != null ? Verdict.quarantine(quarantine, stamps) : Verdict.nextWith(stamps);
    }

    /**
     * {@code Subject: <prefix> <subject>}, the subject unfolded; none for a subject too long to
     * stay one line, or one already carrying the prefix. The DATA command drops the message's own
     * Subject when a check adds one.
     */
    static Optional<String> subjectWithPrefix(String prefix, String subject) {
        String unfolded = subject.replaceAll("\\r?\\n(?=[ \\t])", "").replaceAll("[\\r\\n]", " ").strip();
        if (unfolded.length() > 900 || unfolded.startsWith(prefix)) {
            return Optional.empty();
        }
        return Optional.of(("Subject: " + prefix + " " + unfolded).strip());
    }

    private static List<String> spamFields(ContentRules rules, ScanResult spam) {
        boolean tagged = rules.tagsSpam(spam.score());
        List<String> shown = spam.rules().size() > MAX_RULES_SHOWN ? spam.rules().subList(0, MAX_RULES_SHOWN) : spam.rules();
        String score = String.format(Locale.ROOT, "%.1f", spam.score());
        List<String> fields = new ArrayList<>();
        if (tagged) {
            fields.add("X-Spam-Flag: YES");
        }
        fields.add("X-Spam-Score: " + score);
        fields.add("X-Spam-Status: " + (tagged ? "Yes" : "No") + ", score=" + score
                + String.format(Locale.ROOT, " tag=%.1f", rules.tagScore())
                + (rules.refuseScore() > 0 ? String.format(Locale.ROOT, " refuse=%.1f", rules.refuseScore()) : "")
                + " tests=" + (shown.isEmpty() ? "none" : String.join(",", shown)));
        return fields;
    }

    private ContentFilter filter(String domain) {
        return gateways.find(domain).map(Gateway::content).orElse(ContentFilter.defaults());
    }

    private static List<Attachments.Attachment> parts(ReceivedMessage message) {
        try (InputStream in = message.open()) {
            return Attachments.of(in);
        } catch (IOException e) {
            return List.of();
        }
    }

    private interface Scan {
        ScanResult run(InputStream message) throws IOException;
    }

    private static ScanResult scan(ReceivedMessage message, Scan scan, String scanner) {
        try (InputStream in = message.open()) {
            return scan.run(in);
        } catch (IOException e) {
            return ScanResult.failed(scanner, scanner + ": the message could not be read: " + e);
        }
    }

    private Future<ScanResult> submit(java.util.concurrent.Callable<ScanResult> task) {
        try {
            return executor.submit(task);
        } catch (RuntimeException e) {
            // no thread free: ask here, one after the other
            try {
                return CompletableFuture.completedFuture(task.call());
            } catch (Exception inner) {
                return CompletableFuture.failedFuture(inner);
            }
        }
    }

    private static ScanResult await(Future<ScanResult> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ScanResult.failed("clamd", "clamd: interrupted");
        } catch (ExecutionException e) {
            return ScanResult.failed("clamd", "clamd: " + e.getCause());
        }
    }
}
