package org.mxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mxgate.admin.ServiceException;

class RecipientVerificationTest {

    private static VerificationSpec spec(String method) {
        return new VerificationSpec(method, null, null, null, null, null, null, null, null, null, null);
    }

    private static VerificationSpec ldap(String url, Boolean startTls, String bindDn, String password, String filter) {
        return new VerificationSpec("ldap", null, null, null, null, url, startTls, bindDn, password, "dc=example,dc=com",
                filter);
    }

    @Test
    void nothingSetIsNoVerificationWithTheDocumentedDefaults() {
        RecipientVerification v = RecipientVerification.none();
        assertThat(v.method()).isEqualTo(VerificationMethod.NONE);
        assertThat(v.isOn()).isFalse();
        assertThat(v.whenUnverifiable()).isEqualTo(WhenUnverifiable.KNOWN);
        assertThat(v.validFor()).isEqualTo(Duration.ofDays(31));
        assertThat(v.unknownFor()).isEqualTo(Duration.ofHours(3));
        assertThat(v.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aChangeKeepsWhatItLeavesOut() {
        RecipientVerification v = RecipientVerification.none().with(new VerificationSpec("Callout", "defer", "5s",
                "7d", "30m", null, null, null, null, null, null));
        assertThat(v.method()).isEqualTo(VerificationMethod.CALLOUT);
        assertThat(v.whenUnverifiable()).isEqualTo(WhenUnverifiable.DEFER);
        assertThat(v.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(v.validFor()).isEqualTo(Duration.ofDays(7));
        assertThat(v.unknownFor()).isEqualTo(Duration.ofMinutes(30));
        RecipientVerification later = v.with(spec("list"));
        assertThat(later.method()).isEqualTo(VerificationMethod.LIST);
        assertThat(later.whenUnverifiable()).isEqualTo(WhenUnverifiable.DEFER);
        assertThat(later.with(new VerificationSpec(null, null, "", null, null, null, null, null, null, null, null))
                .timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void badValuesNameTheirField() {
        assertField(() -> RecipientVerification.none().with(spec("dns")), "method");
        assertField(() -> RecipientVerification.none().with(new VerificationSpec(null, "maybe", null, null, null, null,
                null, null, null, null, null)), "whenUnverifiable");
        assertField(() -> RecipientVerification.none().with(new VerificationSpec(null, null, "5m", null, null, null,
                null, null, null, null, null)), "timeout");
        assertField(() -> RecipientVerification.none().with(new VerificationSpec(null, null, null, "2y", null, null,
                null, null, null, null, null)), "validFor");
        assertField(() -> RecipientVerification.none().with(spec("ldap")), "ldapUrl");
        assertField(() -> RecipientVerification.none().with(ldap("http://dc1", null, null, null, "(mail={0})")),
                "ldapUrl");
        assertField(() -> RecipientVerification.none().with(ldap("ldap://dc1", null, null, null, "mail={0}")),
                "ldapFilter");
        assertField(() -> RecipientVerification.none().with(ldap("ldap://dc1", null, null, null, "(mail=x)")),
                "ldapFilter");
        assertField(() -> RecipientVerification.none().with(ldap("ldaps://dc1", true, null, null, "(mail={0})")),
                "ldapStartTls");
        assertField(() -> RecipientVerification.none().with(ldap("ldap://dc1", null, "cn=mxgate", null, "(mail={0})")),
                "ldapBindPassword");
    }

    @Test
    void anLdapDirectoryNeedsUrlBaseAndFilter() {
        RecipientVerification v = RecipientVerification.none()
                .with(ldap("ldap://127.0.0.1:3389", true, "cn=mxgate", "secret", "(|(mail={0})(proxyAddresses=smtp:{0}))"));
        assertThat(v.ldapUrl()).isEqualTo("ldap://127.0.0.1:3389");
        assertThat(v.ldapStartTls()).isTrue();
        assertThat(v.ldapBindPassword()).isEqualTo("secret");
        assertThat(v.listVersion()).isZero();
        assertThat(v.listChanged().listChanged().listVersion()).isEqualTo(2);
    }

    private static void assertField(Runnable change, String field) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
