package org.mxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CramMd5Test {

    @Test
    void theExampleOfRfc2195() {
        String secret = CramMd5.secret("tanstaaftanstaaf");
        String challenge = "<1896.697170952@postoffice.reston.mci.net>";
        assertThat(CramMd5.matches(secret, challenge, "b913a602c7eda7a495b4e6e7334d3890")).isTrue();
        assertThat(CramMd5.matches(secret, challenge, "B913A602C7EDA7A495B4E6E7334D3890")).isTrue();
        assertThat(CramMd5.matches(secret, challenge, "b913a602c7eda7a495b4e6e7334d3891")).isFalse();
        assertThat(CramMd5.matches(secret, "<1897.697170952@postoffice.reston.mci.net>",
                "b913a602c7eda7a495b4e6e7334d3890")).isFalse();
    }

    @Test
    void agreesWithTheJdksHmacMd5ForAnyPasswordAndChallenge() throws Exception {
        Random random = new Random(2195);
        for (int round = 0; round < 300; round++) {
            String password = text(random, 1 + random.nextInt(100));
            String challenge = "<" + text(random, random.nextInt(200)) + "@gw.test>";
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            String digest = HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
            assertThat(CramMd5.matches(CramMd5.secret(password), challenge, digest))
                    .as("password of %d chars, challenge of %d", password.length(), challenge.length()).isTrue();
        }
    }

    @Test
    void theSecretIsNotThePasswordAndBadSecretsMatchNothing() {
        String secret = CramMd5.secret("a long collection password");
        assertThat(secret).startsWith("cram-md5$").hasSize(9 + 64).doesNotContain("collection");
        assertThat(CramMd5.matches(null, "<x@y>", "00")).isFalse();
        assertThat(CramMd5.matches("pbkdf2-sha256$1$a$b", "<x@y>", "00")).isFalse();
        assertThat(CramMd5.matches(secret, "<x@y>", null)).isFalse();
    }

    private static String text(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append((char) (random.nextInt(5) == 0 ? 0xe0 + random.nextInt(20) : 0x21 + random.nextInt(90)));
        }
        return b.toString();
    }
}
