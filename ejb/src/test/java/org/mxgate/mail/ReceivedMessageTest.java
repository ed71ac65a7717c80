package org.mxgate.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReceivedMessageTest {

    private static ReceivedMessage of(String text) {
        return new ReceivedMessage(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headersAreParsedAndTheBodyStreamedAfterTheBlankLine() throws Exception {
        String text = "Subject: a long\r\n subject\r\nTo: x@example.org\r\nX-A: 1\r\nX-A: 2\r\n\r\nbody\r\n\r\nmore\r\n";
        ReceivedMessage m = of(text);
        assertThat(m.header("subject")).containsExactly("a long\r\n subject");
        assertThat(m.header("X-A")).containsExactly("1", "2");
        assertThat(m.header("From")).isEmpty();
        assertThat(new String(m.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("body\r\n\r\nmore\r\n");
        assertThat(m.size()).isEqualTo(text.length());
    }

    @Test
    void aMessageWithoutHeadersOrWithoutBodyIsReadAsSuch() throws Exception {
        assertThat(new String(of("\r\njust a body\r\n").body().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("just a body\r\n");
        ReceivedMessage noBody = of("Subject: only\r\n");
        assertThat(noBody.header("Subject")).containsExactly("only");
        assertThat(noBody.body().readAllBytes()).isEmpty();
    }
}
