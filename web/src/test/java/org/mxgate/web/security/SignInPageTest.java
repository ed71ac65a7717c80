package org.mxgate.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInPageTest {

    @Test
    void afterSigningInOnlyToAPageOfMxgatesOwn() {
        assertThat(SignInPage.safeNext("/admin/mail.xhtml?domain=a.test&page=2")).isEqualTo("/admin/mail.xhtml?domain=a.test&page=2");
        assertThat(SignInPage.safeNext(null)).isEqualTo("/admin/");
        assertThat(SignInPage.safeNext("https://evil.example/")).isEqualTo("/admin/");
        assertThat(SignInPage.safeNext("//evil.example/admin/")).isEqualTo("/admin/");
        assertThat(SignInPage.safeNext("/admin//evil.example")).isEqualTo("/admin/");
        assertThat(SignInPage.safeNext("/admin/\\evil")).isEqualTo("/admin/");
        assertThat(SignInPage.safeNext("/admin/x\r\nSet-Cookie: a=b")).isEqualTo("/admin/");
        assertThat(SignInPage.safeNext("/api/gateways")).isEqualTo("/admin/");
    }

    @Test
    void scriptsAreTheApiAndTheMetricsEverythingElseIsAPage() {
        assertThat(LoginMechanism.isScripted("/api/gateways")).isTrue();
        assertThat(LoginMechanism.isScripted("/metrics")).isTrue();
        assertThat(LoginMechanism.isScripted("/metrics/application")).isTrue();
        assertThat(LoginMechanism.isScripted("/admin/")).isFalse();
        assertThat(LoginMechanism.isScripted("/apiary")).isFalse();
        assertThat(LoginMechanism.isScripted("/login.xhtml")).isFalse();
    }
}
