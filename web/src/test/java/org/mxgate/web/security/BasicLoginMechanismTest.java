package org.mxgate.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicLoginMechanismTest {

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsUserAndPasswordOfRfc7617Credentials() {
        var c = BasicLoginMechanism.parse(basic("admin:pa:ss wörd")).orElseThrow();
        assertThat(c.getCaller()).isEqualTo("admin");
        assertThat(c.getPasswordAsString()).isEqualTo("pa:ss wörd");
        assertThat(BasicLoginMechanism.parse("basic " + basic("admin:x").substring(6))).as("scheme in any case")
                .isPresent();
    }

    @Test
    void anythingElseIsNoCredentialRatherThanAnError() {
        assertThat(BasicLoginMechanism.parse("Basic !!!not-base64")).isEmpty();
        assertThat(BasicLoginMechanism.parse("Basic")).isEmpty();
        assertThat(BasicLoginMechanism.parse("Basic ")).isEmpty();
        assertThat(BasicLoginMechanism.parse("Bearer abc")).isEmpty();
        assertThat(BasicLoginMechanism.parse(basic("no-colon"))).isEmpty();
        assertThat(BasicLoginMechanism.parse(basic(":no-user"))).isEmpty();
        assertThat(BasicLoginMechanism.parse(basic("admin:nul\u0000"))).isEmpty();
        assertThat(BasicLoginMechanism.parse(basic("adm\nin:x"))).isEmpty();
    }
}
