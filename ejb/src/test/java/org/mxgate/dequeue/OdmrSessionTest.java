package org.mxgate.dequeue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;

/** The ODMR dialogue up to the turn, against a queue in memory. */
class OdmrSessionTest {

    private final List<String> challenges = new ArrayList<>();
    private final List<String> turns = new ArrayList<>();
    private SmtpReply refusal;
    private String afterTurn;
    private StartTls tls;
    private final ByteArrayOutputStream tlsOut = new ByteArrayOutputStream();

    private final OdmrQueue queue = new OdmrQueue() {
        @Override
        public boolean checkPassword(String user, String password, String client) {
            return user.equals("example.test") && password.equals("correct horse battery");
        }

        @Override
        public boolean checkCramMd5(String user, String challenge, String digest, String client) {
            challenges.add(challenge);
            return user.equals("example.test") && digest.equals("0123456789abcdef0123456789abcdef");
        }

        @Override
        public SmtpReply etrn(String argument, String user, String client) {
            turns.add("ETRN " + argument + " by " + user);
            return new SmtpReply(251, "2.0.0", "OK, no messages waiting for node " + argument);
        }

        @Override
        public Turn turn(String user, List<String> domains, String client) {
            turns.add(user + " " + domains);
            if (refusal != null) {
                return Turn.refused(refusal);
            }
            return new Turn() {
                @Override
                public SmtpReply refusal() {
                    return null;
                }

                @Override
                public void deliver(InputStream in, OutputStream out) throws java.io.IOException {
                    // what the domain server says first on the turned connection reaches the turn
                    afterTurn = Lines.read(in);
                }
            };
        }
    };

    private String session(boolean plaintext, String... lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OdmrSession(queue, "127.0.0.1", plaintext, "gw.test", tls).run(new ByteArrayInputStream(
                (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.US_ASCII)), out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void cramMd5LoginThenAtrnTurnsTheConnectionAround() throws Exception {
        String dialogue = session(false, "EHLO client.example.test", "AUTH CRAM-MD5",
                b64("example.test 0123456789abcdef0123456789abcdef"), "ATRN", "220 client.example.test ready");
        assertThat(dialogue).startsWith("220 gw.test ESMTP on-demand mail relay (mxgate) ready\r\n"
                + "250-gw.test\r\n250-AUTH CRAM-MD5\r\n250-ATRN\r\n250-ETRN\r\n250 ENHANCEDSTATUSCODES\r\n334 ");
        String challenge = new String(Base64.getDecoder().decode(dialogue.split("\r\n")[6].substring(4)),
                StandardCharsets.US_ASCII);
        assertThat(challenge).matches("<\\d+\\.\\d+@gw\\.test>");
        assertThat(challenges).containsExactly(challenge);
        assertThat(dialogue).endsWith("235 2.7.0 Authentication successful\r\n250 2.0.0 OK now reversing the connection\r\n");
        // no domain named: the user's own
        assertThat(turns).containsExactly("example.test [example.test]");
        assertThat(afterTurn).isEqualTo("220 client.example.test ready");
    }

    @Test
    void atrnNeedsAuthAndAValidDomainList() throws Exception {
        String dialogue = session(false, "AUTH CRAM-MD5", "EHLO c", "ATRN example.test", "MAIL FROM:<a@b.test>",
                "ETRN example.test", "WHAT", "NOOP", "AUTH PLAIN " + b64("\0example.test\0correct horse battery"),
                "AUTH LOGIN", "AUTH CRAM-MD5", b64("example.test 0123456789abcdef0123456789abcdef"),
                "AUTH CRAM-MD5", "ATRN example.test,,other.test", "ATRN exa mple.test", "QUIT");
        assertThat(dialogue.split("\r\n")).containsSubsequence(
                "503 5.5.1 Error: send EHLO first",
                "530 5.7.0 Authentication required",
                "502 5.5.1 Error: MAIL is not offered on the on-demand mail relay port",
                "530 5.7.0 Authentication required",
                "500 5.5.2 Error: command not recognized",
                "250 2.0.0 Ok",
                "538 5.7.11 Encryption required for requested authentication mechanism",
                "504 5.5.4 Unrecognized authentication type",
                "235 2.7.0 Authentication successful",
                "503 5.5.1 Error: already authenticated",
                "501 5.5.4 Syntax: ATRN [domain[,domain]...]",
                "501 5.5.4 Syntax: ATRN [domain[,domain]...]",
                "221 2.0.0 gw.test closing connection");
        assertThat(turns).isEmpty();
    }

    @Test
    void plainLoginWhereAllowedAndTheQueuesRefusalsPassOn() throws Exception {
        refusal = SmtpReplies.NO_MAIL;
        String dialogue = session(true, "EHLO c", "AUTH PLAIN", b64("other\0example.test\0correct horse battery"),
                "AUTH PLAIN " + b64("example.test\0example.test\0correct horse battery"),
                "ATRN Example.test,second.test", "ETRN example.test", "QUIT");
        assertThat(dialogue).contains("250-AUTH CRAM-MD5 PLAIN\r\n").contains("334 \r\n535 5.7.8 Authentication"
                + " credentials invalid\r\n235 2.7.0 Authentication successful\r\n453 4.3.0 You have no mail\r\n"
                + "251 2.0.0 OK, no messages waiting for node example.test\r\n221 ");
        assertThat(turns).containsExactly("example.test [example.test, second.test]", "ETRN example.test by example.test");
    }

    @Test
    void threeWrongLoginsEndTheSessionAndACancelIsNoFailure() throws Exception {
        String dialogue = session(false, "EHLO c", "AUTH CRAM-MD5", "*", "AUTH CRAM-MD5", "!!notbase64",
                "AUTH CRAM-MD5", b64("example.test ffff"), "AUTH CRAM-MD5", b64("example.test ffff"),
                "AUTH CRAM-MD5", b64("nospace"), "NOOP");
        assertThat(dialogue.split("\r\n")).containsSubsequence("501 5.0.0 Authentication cancelled",
                "501 5.5.2 Cannot decode the authentication answer", "535 5.7.8 Authentication credentials invalid",
                "535 5.7.8 Authentication credentials invalid", "535 5.7.8 Authentication credentials invalid",
                "421 4.7.0 Too many failed authentications, closing");
        assertThat(dialogue).doesNotContain("250 2.0.0 Ok");
    }

    @Test
    void startTlsForgetsTheSessionAndOpensPlainLogin() throws Exception {
        tls = () -> new StartTls.Streams(new ByteArrayInputStream(("ATRN\r\nEHLO c\r\nSTARTTLS\r\nAUTH PLAIN "
                + b64("\0example.test\0correct horse battery") + "\r\nATRN\r\n220 c ready\r\n")
                .getBytes(StandardCharsets.US_ASCII)), tlsOut);
        String plain = session(false, "EHLO c", "AUTH PLAIN " + b64("\0example.test\0correct horse battery"),
                "STARTTLS x", "STARTTLS", "AUTH PLAIN injected");
        assertThat(plain).contains("250-STARTTLS\r\n").contains("538 5.7.11").contains("501 5.5.4 Syntax: STARTTLS")
                .endsWith("220 2.0.0 Ready to start TLS\r\n");
        assertThat(tlsOut.toString(StandardCharsets.US_ASCII).split("\r\n")).containsExactly(
                "530 5.7.0 Authentication required", "250-gw.test", "250-AUTH CRAM-MD5 PLAIN", "250-ATRN", "250-ETRN",
                "250 ENHANCEDSTATUSCODES", "503 5.5.1 Error: TLS is already on", "235 2.7.0 Authentication successful",
                "250 2.0.0 OK now reversing the connection");
        assertThat(afterTurn).isEqualTo("220 c ready");
    }
}
