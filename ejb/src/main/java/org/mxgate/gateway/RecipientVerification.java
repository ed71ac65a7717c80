package org.mxgate.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.mxgate.admin.ServiceException;

/**
 * How a gateway verifies recipients before it answers RCPT: the {@link VerificationMethod}, what
 * it does when the source cannot be asked ({@link WhenUnverifiable}), how long answers are kept
 * (valid ones 31 days, unknown ones 3 hours unless set), how long one question may take, and for
 * LDAP the directory to ask. Immutable; {@link #with} checks a change and names the field at
 * fault. Every column is null while verification was never set (JPA then reads the value as
 * null, which the gateway shows as {@link #none()}).
 */
@Embeddable
public class RecipientVerification {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_VALID_FOR = Duration.ofDays(31);
    static final Duration DEFAULT_UNKNOWN_FOR = Duration.ofHours(3);

    @Column(length = 8)
    private String verifyMethod;
    @Column(length = 8)
    private String verifyUnverifiable;
    @Column(length = 20)
    private String verifyTimeout;
    @Column(length = 20)
    private String verifyValidFor;
    @Column(length = 20)
    private String verifyUnknownFor;
    @Column(length = 500)
    private String ldapUrl;
    private Boolean ldapStartTls;
    @Column(length = 500)
    private String ldapBindDn;
    /** In clear: mxgate must present it to bind. The API never shows it. */
    @Column(length = 500)
    private String ldapBindPassword;
    @Column(length = 500)
    private String ldapBase;
    @Column(length = 1000)
    private String ldapFilter;
    /** Counts the changes of the gateway's address list, so every instance sees when to read it again. */
    private Long verifyListVersion;

    protected RecipientVerification() {
    }

    /** No verification. */
    public static RecipientVerification none() {
        return new RecipientVerification();
    }

    RecipientVerification copy() {
        RecipientVerification v = new RecipientVerification();
        v.verifyMethod = verifyMethod;
        v.verifyUnverifiable = verifyUnverifiable;
        v.verifyTimeout = verifyTimeout;
        v.verifyValidFor = verifyValidFor;
        v.verifyUnknownFor = verifyUnknownFor;
        v.ldapUrl = ldapUrl;
        v.ldapStartTls = ldapStartTls;
        v.ldapBindDn = ldapBindDn;
        v.ldapBindPassword = ldapBindPassword;
        v.ldapBase = ldapBase;
        v.ldapFilter = ldapFilter;
        v.verifyListVersion = verifyListVersion;
        return v;
    }

    /** This verification with the fields {@code spec} gives (left out: kept; blank: removed), each checked. */
    public RecipientVerification with(VerificationSpec spec) {
        RecipientVerification v = copy();
        if (spec.method() != null) {
            v.verifyMethod = name("method", spec.method(), VerificationMethod.class, "NONE, LIST, LDAP or CALLOUT");
        }
        if (spec.whenUnverifiable() != null) {
            v.verifyUnverifiable = name("whenUnverifiable", spec.whenUnverifiable(), WhenUnverifiable.class,
                    "KNOWN, ACCEPT or DEFER");
        }
        v.verifyTimeout = duration("timeout", spec.timeout(), verifyTimeout, Duration.ofSeconds(1),
                Duration.ofSeconds(60), "timeout must be 1s to 60s");
        v.verifyValidFor = duration("validFor", spec.validFor(), verifyValidFor, Duration.ofMinutes(1),
                Duration.ofDays(365), "validFor must be 1m to 365d");
        v.verifyUnknownFor = duration("unknownFor", spec.unknownFor(), verifyUnknownFor, Duration.ofMinutes(1),
                Duration.ofDays(30), "unknownFor must be 1m to 30d");
        if (spec.ldapUrl() != null) {
            v.ldapUrl = blankToNull(spec.ldapUrl());
            if (v.ldapUrl != null && !ldapUrl(v.ldapUrl)) {
                throw ServiceException.invalid("ldapUrl", "'" + spec.ldapUrl()
                        + "' is not an ldap:// or ldaps:// URL with a host (e.g. ldap://dc1.example.com:389)");
            }
        }
        if (spec.ldapStartTls() != null) {
            v.ldapStartTls = spec.ldapStartTls() ? Boolean.TRUE : null;
        }
        if (spec.ldapBindDn() != null) {
            v.ldapBindDn = blankToNull(spec.ldapBindDn());
        }
        if (spec.ldapBindPassword() != null) {
            v.ldapBindPassword = spec.ldapBindPassword().isEmpty() ? null : spec.ldapBindPassword();
        }
        if (spec.ldapBase() != null) {
            v.ldapBase = blankToNull(spec.ldapBase());
        }
        if (spec.ldapFilter() != null) {
            v.ldapFilter = blankToNull(spec.ldapFilter());
            if (v.ldapFilter != null && (!v.ldapFilter.contains("{0}") || !v.ldapFilter.startsWith("("))) {
                throw ServiceException.invalid("ldapFilter", "the filter must be in parentheses and name the address"
                        + " as {0}, e.g. (|(mail={0})(proxyAddresses=smtp:{0}))");
            }
        }
        if (v.method() == VerificationMethod.LDAP) {
            if (v.ldapUrl == null || v.ldapBase == null || v.ldapFilter == null) {
                throw ServiceException.invalid(v.ldapUrl == null ? "ldapUrl" : v.ldapBase == null ? "ldapBase" : "ldapFilter",
                        "LDAP verification needs ldapUrl, ldapBase and ldapFilter");
            }
            if (v.ldapStartTls != null && v.ldapUrl.toLowerCase(Locale.ROOT).startsWith("ldaps:")) {
                throw ServiceException.invalid("ldapStartTls", "an ldaps:// URL is TLS already; StartTLS is for ldap://");
            }
            if ((v.ldapBindDn == null) != (v.ldapBindPassword == null)) {
                throw ServiceException.invalid(v.ldapBindDn == null ? "ldapBindDn" : "ldapBindPassword",
                        "a bind needs both the DN and the password (neither: an anonymous search)");
            }
        }
        return v;
    }

    /** A new version of the gateway's address list was stored. */
    RecipientVerification listChanged() {
        RecipientVerification v = copy();
        v.verifyListVersion = verifyListVersion == null ? 1 : verifyListVersion + 1;
        return v;
    }

    private static <E extends Enum<E>> String name(String field, String text, Class<E> type, String allowed) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(field, field + " is " + allowed + ", not '" + text + "'");
        }
    }

    private static String duration(String field, String text, String current, Duration min, Duration max,
            String range) {
        if (text == null) {
            return current;
        }
        return text.isBlank() ? null : SettingDurations.within(field, text, min, max, range);
    }

    private static boolean ldapUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("ldap") || scheme.equals("ldaps")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }

    public VerificationMethod method() {
        return verifyMethod == null ? VerificationMethod.NONE : VerificationMethod.valueOf(verifyMethod);
    }

    public boolean isOn() {
        return method() != VerificationMethod.NONE;
    }

    public WhenUnverifiable whenUnverifiable() {
        return verifyUnverifiable == null ? WhenUnverifiable.KNOWN : WhenUnverifiable.valueOf(verifyUnverifiable);
    }

    public Duration timeout() {
        return verifyTimeout == null ? DEFAULT_TIMEOUT : Duration.parse(verifyTimeout);
    }

    /** How long a recipient found valid is taken without asking again. */
    public Duration validFor() {
        return verifyValidFor == null ? DEFAULT_VALID_FOR : Duration.parse(verifyValidFor);
    }

    /** How long a recipient found unknown is refused without asking again. */
    public Duration unknownFor() {
        return verifyUnknownFor == null ? DEFAULT_UNKNOWN_FOR : Duration.parse(verifyUnknownFor);
    }

    public String ldapUrl() {
        return ldapUrl;
    }

    public boolean ldapStartTls() {
        return ldapStartTls != null && ldapStartTls;
    }

    public String ldapBindDn() {
        return ldapBindDn;
    }

    /** The bind password, for the LDAP search only; never shown. */
    public String ldapBindPassword() {
        return ldapBindPassword;
    }

    public String ldapBase() {
        return ldapBase;
    }

    public String ldapFilter() {
        return ldapFilter;
    }

    /** The version of the gateway's address list (0 before it was first stored). */
    public long listVersion() {
        return verifyListVersion == null ? 0 : verifyListVersion;
    }
}
