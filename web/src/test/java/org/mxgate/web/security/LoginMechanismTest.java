package org.mxgate.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LoginMechanismTest {

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsUserAndPasswordOfRfc7617Credentials() {
        var c = LoginMechanism.parse(basic("admin:pa:ss wörd")).orElseThrow();
        assertThat(c.getCaller()).isEqualTo("admin");
        assertThat(c.getPasswordAsString()).isEqualTo("pa:ss wörd");
        assertThat(LoginMechanism.parse("basic " + basic("admin:x").substring(6))).as("scheme in any case")
                .isPresent();
    }

    @Test
    void anythingElseIsNoCredentialRatherThanAnError() {
        assertThat(LoginMechanism.parse("Basic !!!not-base64")).isEmpty();
        assertThat(LoginMechanism.parse("Basic")).isEmpty();
        assertThat(LoginMechanism.parse("Basic ")).isEmpty();
        assertThat(LoginMechanism.parse("Bearer abc")).isEmpty();
        assertThat(LoginMechanism.parse(basic("no-colon"))).isEmpty();
        assertThat(LoginMechanism.parse(basic(":no-user"))).isEmpty();
        assertThat(LoginMechanism.parse(basic("admin:nul\u0000"))).isEmpty();
        assertThat(LoginMechanism.parse(basic("adm\nin:x"))).isEmpty();
    }
}
