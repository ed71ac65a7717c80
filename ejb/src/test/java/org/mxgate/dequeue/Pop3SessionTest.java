package org.mxgate.dequeue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The POP3 dialogue against a maildrop in memory. */
class Pop3SessionTest {

    private final Map<String, String> contents = new LinkedHashMap<>();
    private final List<String> committed = new ArrayList<>();
    private boolean abandoned;
    private StartTls tls;
    private final ByteArrayOutputStream tlsOut = new ByteArrayOutputStream();

    /** A TLS upgrade whose connection then carries {@code lines}. */
    private StartTls tlsCarrying(String... lines) {
        return () -> new StartTls.Streams(new ByteArrayInputStream((String.join("\r\n", lines) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII)), tlsOut);
    }

    private final Pop3Maildrop maildrop = (user, password, client) -> {
        if (!user.equals("example.test") || !password.equals("correct horse battery")) {
            return Optional.empty();
        }
        return Optional.of(new Pop3Maildrop.Opened() {
            @Override
            public List<Pop3Maildrop.Message> messages() {
                return contents.entrySet().stream().map(e -> new Pop3Maildrop.Message(e.getKey(),
                        e.getValue().length())).toList();
            }

            @Override
            public Optional<byte[]> content(String uid) {
                return Optional.ofNullable(contents.get(uid)).map(s -> s.getBytes(StandardCharsets.US_ASCII));
            }

            @Override
            public void commit(List<String> deleted) {
                committed.addAll(deleted);
            }

            @Override
            public void abandon() {
                abandoned = true;
            }
        });
    };

    private String session(boolean plaintext, String... commands) throws Exception {
        contents.put("UID1", "X-Envelope-To: a@example.test\r\nSubject: one\r\n\r\nline 1\r\n.dot line\r\nline 3\r\n");
        contents.put("UID2", "X-Envelope-To: b@example.test\r\nSubject: two\r\n\r\nbody\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Pop3Session(maildrop, "127.0.0.1", plaintext, "gw.test", tls).run(new ByteArrayInputStream(
                (String.join("\r\n", commands) + "\r\n").getBytes(StandardCharsets.US_ASCII)), out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void listsRetrievesAndRemovesOnlyOnQuit() throws Exception {
        String dialogue = session(true, "CAPA", "USER example.test", "PASS correct horse battery", "STAT", "LIST",
                "UIDL 2", "TOP 1 1", "RETR 1", "DELE 1", "STAT", "RETR 1", "QUIT");
        assertThat(dialogue).startsWith("+OK gw.test POP3 server (mxgate) ready\r\n+OK capability list follows\r\n"
                + "TOP\r\nUIDL\r\nRESP-CODES\r\nUSER\r\n");
        assertThat(dialogue).contains("+OK maildrop has 2 message(s) (")
                .contains("+OK 2 " + (contents.get("UID1").length() + contents.get("UID2").length()) + "\r\n")
                .contains("+OK\r\n1 " + contents.get("UID1").length() + "\r\n2 " + contents.get("UID2").length()
                        + "\r\n.\r\n")
                .contains("+OK 2 UID2\r\n")
                .contains("X-Envelope-To: a@example.test\r\nSubject: one\r\n\r\nline 1\r\n.\r\n")
                .contains("line 1\r\n..dot line\r\nline 3\r\n.\r\n")
                .contains("+OK message 1 deleted\r\n+OK 1 " + contents.get("UID2").length() + "\r\n")
                .contains("-ERR message 1 already deleted").endsWith("+OK gw.test POP3 server signing off\r\n");
        assertThat(committed).containsExactly("UID1");
        assertThat(abandoned).isFalse();
    }

    @Test
    void aSessionThatEndsWithoutQuitRemovesNothing() throws Exception {
        session(true, "USER example.test", "PASS correct horse battery", "DELE 1", "DELE 2");
        assertThat(committed).isEmpty();
        assertThat(abandoned).isTrue();
    }

    @Test
    void rsetUndeletes() throws Exception {
        session(true, "USER example.test", "PASS correct horse battery", "DELE 1", "RSET", "DELE 2", "QUIT");
        assertThat(committed).containsExactly("UID2");
    }

    @Test
    void wrongCredentialsAndPlaintextWithoutTlsAreRefused() throws Exception {
        assertThat(session(true, "STAT", "PASS x", "USER example.test", "PASS wrong", "USER example.test",
                "PASS wrong", "USER example.test", "PASS wrong", "NOOP"))
                .contains("-ERR command not valid before login: STAT").contains("-ERR USER first")
                .contains("-ERR [AUTH] invalid login\r\n").doesNotContain("+OK maildrop")
                .endsWith("-ERR [AUTH] invalid login\r\n");
        assertThat(session(false, "CAPA", "USER example.test")).doesNotContain("USER\r\nIMPL")
                .contains("-ERR [AUTH] plaintext login is only allowed over TLS");
    }

    @Test
    void badNumbersGetErrors() throws Exception {
        assertThat(session(true, "USER example.test", "PASS correct horse battery", "RETR 9", "DELE x", "TOP 1",
                "QUIT")).contains("-ERR no such message").contains("-ERR a message number is needed")
                .contains("-ERR TOP needs a message number and a line count");
    }

    @Test
    void stlsOpensPlaintextLoginAndWhatWasPipelinedBeforeItIsNeverRead() throws Exception {
        tls = tlsCarrying("CAPA", "STLS", "USER example.test", "PASS correct horse battery", "STAT", "QUIT");
        String plain = session(false, "CAPA", "USER example.test", "STLS", "USER injected", "PASS injected");
        assertThat(plain).contains("STLS\r\nIMPLEMENTATION").contains("-ERR [AUTH] plaintext login is only"
                + " allowed over TLS (STLS first)").endsWith("+OK begin TLS negotiation\r\n");
        String secured = tlsOut.toString(StandardCharsets.US_ASCII);
        assertThat(secured).startsWith("+OK capability list follows\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nUSER\r\n")
                .contains("-ERR TLS is already on").contains("+OK maildrop has 2 message(s)")
                .endsWith("+OK gw.test POP3 server signing off\r\n");
        assertThat(secured.substring(0, secured.indexOf("IMPLEMENTATION"))).doesNotContain("STLS");
        tls = null;
        assertThat(session(false, "STLS")).as("without a certificate").contains("-ERR STLS is not offered here");
    }
}
