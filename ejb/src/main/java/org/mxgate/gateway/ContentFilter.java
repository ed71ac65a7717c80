package org.mxgate.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mxgate.admin.ServiceException;

/**
 * What a gateway's mail is checked for before it is taken: viruses (clamd), spam (spamd) with a
 * tag and a refuse score, attachments by file name extension and MIME type, and a size below the
 * server's; a virus or spam over the refuse score is refused or kept in the quarantine. Immutable; {@link #with} checks a change and names the field at fault. Every column is
 * null while nothing was set (JPA then reads the value as null, shown as {@link #defaults()}).
 */
@Embeddable
public class ContentFilter {

    /** Executable and script types that mail clients run when opened. */
    public static final List<String> DEFAULT_EXTENSIONS = List.of("exe", "com", "scr", "pif", "bat", "cmd", "cpl",
            "msi", "msp", "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta", "ps1", "jar", "lnk", "reg", "iso", "img");
    public static final List<String> DEFAULT_TYPES = List.of("application/x-msdownload", "application/x-msdos-program",
            "application/x-dosexec", "application/hta", "application/x-ms-shortcut");

    public static final double DEFAULT_TAG_SCORE = 5.0;
    public static final double DEFAULT_REFUSE_SCORE = 10.0;

    /** FALSE, or null for on. */
    @Column(name = "CONTENT_ANTIVIRUS")
    private Boolean antivirus;

    /** FALSE, or null for on. */
    @Column(name = "CONTENT_ANTISPAM")
    private Boolean antispam;

    @Column(name = "CONTENT_SPAM_TAG")
    private Double spamTagScore;

    /** 0 for never; null for the default. */
    @Column(name = "CONTENT_SPAM_REFUSE")
    private Double spamRefuseScore;

    /** ACCEPT, or null for DEFER. */
    @Column(name = "CONTENT_SCANNER_FAILS", length = 8)
    private String whenScannerFails;

    /** Comma-separated, lower case; null for the default list, "" for none. */
    @Column(name = "CONTENT_BLOCKED_EXT", length = 2000)
    private String blockedExtensions;

    /** Comma-separated, lower case; null for the default list, "" for none. */
    @Column(name = "CONTENT_BLOCKED_TYPES", length = 2000)
    private String blockedTypes;

    /** Null for the server's limit. */
    @Column(name = "CONTENT_MAX_SIZE")
    private Long maxMessageSize;

    /** QUARANTINE, or null for REFUSE. */
    @Column(name = "CONTENT_VIRUS_ACTION", length = 10)
    private String virusAction;

    /** QUARANTINE, or null for REFUSE. */
    @Column(name = "CONTENT_SPAM_ACTION", length = 10)
    private String spamAction;

    /** Sender and recipient rules ({@link AddressGlobs}); null or "" for none. */
    @Column(name = "CONTENT_SENDER_BLOCK", length = 2000)
    private String senderBlock;

    @Column(name = "CONTENT_SENDER_ALLOW", length = 2000)
    private String senderAllow;

    @Column(name = "CONTENT_RCPT_BLOCK", length = 2000)
    private String recipientBlock;

    @Column(name = "CONTENT_RCPT_ALLOW", length = 2000)
    private String recipientAllow;

    /** {@link HeaderRule}s, one per line; null for none. */
    @Column(name = "CONTENT_HEADER_RULES", length = 4500)
    private String headerRules;

    /** Put before the subject of mail marked as spam; null for none. */
    @Column(name = "CONTENT_SPAM_PREFIX", length = 40)
    private String spamSubjectPrefix;

    /** The rules parsed, once per instance. */
    @jakarta.persistence.Transient
    private List<HeaderRule> parsedRules;

    protected ContentFilter() {
    }

    private ContentFilter(Boolean antivirus, Boolean antispam, Double spamTagScore, Double spamRefuseScore,
            String whenScannerFails, String blockedExtensions, String blockedTypes, Long maxMessageSize,
            String virusAction, String spamAction, String senderBlock, String senderAllow, String recipientBlock,
            String recipientAllow, String headerRules, String spamSubjectPrefix) {
        this.antivirus = antivirus;
        this.antispam = antispam;
        this.spamTagScore = spamTagScore;
        this.spamRefuseScore = spamRefuseScore;
        this.whenScannerFails = whenScannerFails;
        this.blockedExtensions = blockedExtensions;
        this.blockedTypes = blockedTypes;
        this.maxMessageSize = maxMessageSize;
        this.virusAction = virusAction;
        this.spamAction = spamAction;
        this.senderBlock = senderBlock;
        this.senderAllow = senderAllow;
        this.recipientBlock = recipientBlock;
        this.recipientAllow = recipientAllow;
        this.headerRules = headerRules;
        this.spamSubjectPrefix = spamSubjectPrefix;
    }

    /** Both scanners asked, tag at 5, refuse at 10, defer when a scanner fails, executables refused. */
    public static ContentFilter defaults() {
        return new ContentFilter(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    ContentFilter copy() {
        return new ContentFilter(antivirus, antispam, spamTagScore, spamRefuseScore, whenScannerFails,
                blockedExtensions, blockedTypes, maxMessageSize, virusAction, spamAction, senderBlock, senderAllow,
                recipientBlock, recipientAllow, headerRules, spamSubjectPrefix);
    }

    ContentFilter with(ContentSpec spec) {
        Boolean av = spec.antivirus() == null ? antivirus : spec.antivirus() ? null : Boolean.FALSE;
        Boolean as = spec.antispam() == null ? antispam : spec.antispam() ? null : Boolean.FALSE;
        Double tag = spec.spamTagScore() == null ? spamTagScore : score("spamTagScore", spec.spamTagScore());
        Double refuse = spec.spamRefuseScore() == null ? spamRefuseScore : score("spamRefuseScore", spec.spamRefuseScore());
        String fails = whenScannerFails;
        if (spec.whenScannerFails() != null) {
            String v = spec.whenScannerFails().strip().toUpperCase(Locale.ROOT);
            if (!v.equals("DEFER") && !v.equals("ACCEPT")) {
                throw ServiceException.invalid("whenScannerFails",
                        "whenScannerFails is DEFER or ACCEPT, not '" + spec.whenScannerFails() + "'");
            }
            fails = v.equals("ACCEPT") ? v : null;
        }
        String ext = spec.blockedExtensions() == null ? blockedExtensions
                : list("blockedExtensions", spec.blockedExtensions(), "[a-z0-9_+-]{1,16}");
        String types = spec.blockedTypes() == null ? blockedTypes
                : list("blockedTypes", spec.blockedTypes(), "[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+*-]{1,64}");
        Long size = maxMessageSize;
        if (spec.maxMessageSize() != null) {
            if (spec.maxMessageSize() < 0) {
                throw ServiceException.invalid("maxMessageSize", "maxMessageSize is 0 (the server's limit) or more");
            }
            size = spec.maxMessageSize() == 0 ? null : spec.maxMessageSize();
        }
        ContentFilter changed = new ContentFilter(av, as, tag, refuse, fails, ext, types, size,
                action("virusAction", spec.virusAction(), virusAction), action("spamAction", spec.spamAction(), spamAction),
                globs("senderBlock", spec.senderBlock(), senderBlock), globs("senderAllow", spec.senderAllow(), senderAllow),
                globs("recipientBlock", spec.recipientBlock(), recipientBlock),
                globs("recipientAllow", spec.recipientAllow(), recipientAllow),
                spec.headerRules() == null ? headerRules : emptyToNull(HeaderRule.store(spec.headerRules())),
                prefix(spec.spamSubjectPrefix(), spamSubjectPrefix));
        if (changed.spamRefuseScore() > 0 && changed.spamRefuseScore() < changed.spamTagScore()) {
            throw ServiceException.invalid("spamRefuseScore",
                    "spamRefuseScore (" + changed.spamRefuseScore() + ") is below spamTagScore (" + changed.spamTagScore() + ")");
        }
        return changed;
    }

    /** A subject prefix as stored: printable ASCII, at most 40 characters; "" clears it. */
    private static String prefix(String value, String kept) {
        if (value == null) {
            return kept;
        }
        String v = value.strip();
        if (v.length() > 40 || !v.matches("[\\x20-\\x7e]*")) {
            throw ServiceException.invalid("spamSubjectPrefix", "spamSubjectPrefix is up to 40 printable ASCII characters");
        }
        return v.isEmpty() ? null : v;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    /** An address rule list as stored; {@code kept} when the change leaves it out. */
    private static String globs(String field, String value, String kept) {
        if (value == null) {
            return kept;
        }
        try {
            String list = AddressGlobs.normalize(value);
            if (list.length() > 2000) {
                throw ServiceException.invalid(field, field + " is longer than 2,000 characters");
            }
            return list.isEmpty() ? null : list;
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(field, field + ": " + e.getMessage());
        }
    }

    /** REFUSE (null) or QUARANTINE; {@code kept} when the change leaves it out. */
    private static String action(String field, String value, String kept) {
        if (value == null) {
            return kept;
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (!v.equals("REFUSE") && !v.equals("QUARANTINE")) {
            throw ServiceException.invalid(field, field + " is REFUSE or QUARANTINE, not '" + value + "'");
        }
        return v.equals("QUARANTINE") ? v : null;
    }

    private static Double score(String field, double value) {
        if (!Double.isFinite(value) || value < 0 || value > 1000) {
            throw ServiceException.invalid(field, field + " is a score from 0 to 1000");
        }
        return value;
    }

    /** "default" (null), "" or a comma-separated list of entries each matching {@code entry}, lower-cased. */
    private static String list(String field, String value, String entry) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("default")) {
            return null;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String e : v.split("[,\\s]+")) {
            String item = e.startsWith(".") ? e.substring(1) : e;
            if (item.isEmpty()) {
                continue;
            }
            if (!item.matches(entry)) {
                throw ServiceException.invalid(field, field + ": '" + e + "' is not a valid entry");
            }
            entries.add(item);
        }
        String joined = String.join(",", entries);
        if (joined.length() > 2000) {
            throw ServiceException.invalid(field, field + " is longer than 2,000 characters");
        }
        return joined;
    }

    private static List<String> entries(String stored, List<String> defaults) {
        return stored == null ? defaults : stored.isEmpty() ? List.of() : Arrays.asList(stored.split(","));
    }

    public boolean antivirus() {
        return antivirus == null || antivirus;
    }

    public boolean antispam() {
        return antispam == null || antispam;
    }

    public double spamTagScore() {
        return spamTagScore == null ? DEFAULT_TAG_SCORE : spamTagScore;
    }

    /** The score from which mail is refused; 0: never. */
    public double spamRefuseScore() {
        return spamRefuseScore == null ? DEFAULT_REFUSE_SCORE : spamRefuseScore;
    }

    /** Whether mail is taken (stamped as not scanned) when a scanner cannot answer; else deferred. */
    public boolean acceptsUnscanned() {
        return whenScannerFails != null;
    }

    public List<String> blockedExtensions() {
        return entries(blockedExtensions, DEFAULT_EXTENSIONS);
    }

    public List<String> blockedTypes() {
        return entries(blockedTypes, DEFAULT_TYPES);
    }

    /** Whether mail with a virus is kept in the quarantine rather than refused. */
    public boolean quarantinesVirus() {
        return virusAction != null;
    }

    /** Whether mail from the refuse score on is kept in the quarantine rather than refused. */
    public boolean quarantinesSpam() {
        return spamAction != null;
    }

    /** Whether mail from {@code sender} (null: the null sender) is refused at RCPT. */
    public boolean blocksSender(String sender) {
        return AddressGlobs.matches(senderBlock, sender);
    }

    /** Whether mail from {@code sender} is not checked for spam. */
    public boolean allowsSender(String sender) {
        return AddressGlobs.matches(senderAllow, sender);
    }

    public boolean blocksRecipient(String recipient) {
        return AddressGlobs.matches(recipientBlock, recipient);
    }

    /** Whether mail for {@code recipient} is not checked for spam. */
    public boolean allowsRecipient(String recipient) {
        return AddressGlobs.matches(recipientAllow, recipient);
    }

    public List<String> senderBlock() {
        return AddressGlobs.entries(senderBlock);
    }

    public List<String> senderAllow() {
        return AddressGlobs.entries(senderAllow);
    }

    public List<String> recipientBlock() {
        return AddressGlobs.entries(recipientBlock);
    }

    public List<String> recipientAllow() {
        return AddressGlobs.entries(recipientAllow);
    }

    /** Put before the subject of mail marked as spam ({@code [SPAM]}); empty for none. */
    public String spamSubjectPrefix() {
        return spamSubjectPrefix == null ? "" : spamSubjectPrefix;
    }

    /** The header rules, in their order. */
    public List<HeaderRule> headerRules() {
        if (parsedRules == null) {
            parsedRules = HeaderRule.read(headerRules);
        }
        return parsedRules;
    }

    /** The gateway's own size limit in octets; 0: the server's. */
    public long maxMessageSize() {
        return maxMessageSize == null ? 0 : maxMessageSize;
    }
}
