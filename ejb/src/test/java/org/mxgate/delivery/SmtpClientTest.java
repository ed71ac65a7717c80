package org.mxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mxgate.mail.MessageBytes;

class SmtpClientTest {

    /** What the client writes for {@code message} after DATA, against a server that takes it. */
    private static byte[] sent(byte[] message) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SmtpClient client = SmtpClient.turnedAround(null, new ByteArrayInputStream(
                "220 hop\r\n354 go on\r\n250 2.0.0 taken\r\n".getBytes(StandardCharsets.US_ASCII)), wire);
        assertThat(client.data(MessageBytes.of(message)).code()).isEqualTo(250);
        byte[] all = wire.toByteArray();
        return Arrays.copyOfRange(all, "DATA\r\n".length(), all.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void dotsThatStartALineAreDoubledAndAMissingLastLineEndIsAdded() throws Exception {
        assertThat(new String(sent(ascii(".a\r\nb.\r\n..c\r\n.\r\nd")), StandardCharsets.US_ASCII))
                .isEqualTo("..a\r\nb.\r\n...c\r\n..\r\nd\r\n.\r\n");
    }

    @Test
    void aDotAfterALineEndInThePreviousReadIsDoubledToo() throws Exception {
        byte[] message = new byte[70_000];
        Arrays.fill(message, (byte) 'x');
        message[65_534] = '\r';
        message[65_535] = '\n'; // the last byte of the first 64 KB read
        message[65_536] = '.';
        message[69_998] = '\r';
        message[69_999] = '\n';

        byte[] wire = sent(message);

        assertThat(wire).hasSize(70_000 + 1 + 3);
        assertThat(Arrays.copyOfRange(wire, 65_534, 65_539)).isEqualTo(ascii("\r\n..x"));
        assertThat(Arrays.copyOfRange(wire, wire.length - 5, wire.length)).isEqualTo(ascii("\r\n.\r\n"));
    }
}
