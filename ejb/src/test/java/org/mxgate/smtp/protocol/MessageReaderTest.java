package org.mxgate.smtp.protocol;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.mxgate.mail.SmtpReplies;

class MessageReaderTest {

    private static final long FAR = System.nanoTime() + 60_000_000_000L;

    private static MessageReader.Result read(String data, int max) throws IOException {
        return new MessageReader(max, FAR).read(new ByteArrayInputStream(data.getBytes(ISO_8859_1)));
    }

    private static String text(MessageReader.Result r) {
        return new String(r.content().toArray(), ISO_8859_1);
    }

    @Test
    void endsAtCrLfDotCrLfAndLeavesWhatFollowsUnread() throws IOException {
        InputStream in = new ByteArrayInputStream("Subject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n".getBytes(ISO_8859_1));
        MessageReader.Result r = new MessageReader(1000, FAR).read(in);
        assertThat(text(r)).isEqualTo("Subject: x\r\n\r\nbody\r\n");
        assertThat(new String(in.readAllBytes(), ISO_8859_1)).isEqualTo("QUIT\r\n");
    }

    @Test
    void unstuffsLeadingDots() throws IOException {
        assertThat(text(read("a\r\n..b\r\n...\r\n.\r\n", 1000))).isEqualTo("a\r\n.b\r\n..\r\n");
    }

    @Test
    void bareLineEndsNeverEndTheMessageAndAreNormalised() throws IOException {
        String smuggle = "a\n.\nMAIL FROM:<x@y.test>\r\nb\r.\rc\r\n.\n.\r\nd\r\n.\r\n";
        MessageReader.Result r = read(smuggle, 1000);
        assertThat(text(r)).isEqualTo("a\r\n.\r\nMAIL FROM:<x@y.test>\r\nb\r\n.\r\nc\r\n\r\n.\r\nd\r\n");
    }

    @Test
    void dotLineFollowedByBareCrIsNotTheEnd() throws IOException {
        assertThat(text(read("a\r\n.\rb\r\n.\r\n", 1000))).isEqualTo("a\r\n\r\nb\r\n");
    }

    @Test
    void refusesOversizeMessagesButReadsToTheEnd() throws IOException {
        InputStream in = new ByteArrayInputStream(("x".repeat(500) + "\r\n.\r\nNEXT").getBytes(ISO_8859_1));
        MessageReader.Result r = new MessageReader(100, FAR).read(in);
        assertThat(r.refusal()).isEqualTo(SmtpReplies.TOO_BIG);
        assertThat(new String(in.readAllBytes(), ISO_8859_1)).isEqualTo("NEXT");
    }

    @Test
    void refusesNulAndOverlongLines() throws IOException {
        assertThat(read("a\u0000b\r\n.\r\n", 1000).refusal()).isEqualTo(SmtpReplies.NUL_IN_DATA);
        assertThat(read("y".repeat(998) + "\r\n.\r\n", 5000).accepted()).isTrue();
        assertThat(read("y".repeat(999) + "\r\n.\r\n", 5000).refusal()).isEqualTo(SmtpReplies.LINE_TOO_LONG);
    }

    @Test
    void aLargeMessageGoesToAFileInTheSpoolAndASmallOneStaysInMemory(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path spool) throws IOException {
        StringBuilder big = new StringBuilder("Subject: big\r\n\r\n");
        while (big.length() < 3 * MessageReader.IN_MEMORY) {
            big.append("line ").append(big.length()).append("\r\n..dot\r\n");
        }
        String expected = big.toString().replace("\r\n..dot", "\r\n.dot");
        MessageReader.Result r = new MessageReader(10_000_000, FAR, spool)
                .read(new ByteArrayInputStream((big + ".\r\n").getBytes(ISO_8859_1)));
        assertThat(r.content().inMemory()).isFalse();
        assertThat(r.content().tail()).hasParent(spool);
        assertThat(r.content().size()).isEqualTo(expected.length());
        assertThat(text(r)).isEqualTo(expected);
        r.content().discard();
        assertThat(spool).isEmptyDirectory();

        assertThat(new MessageReader(10_000_000, FAR, spool).read(new ByteArrayInputStream(
                "Subject: small\r\n\r\nx\r\n.\r\n".getBytes(ISO_8859_1))).content().inMemory()).isTrue();
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void aRefusedOrBrokenOffLargeMessageLeavesNoFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path spool)
            throws IOException {
        String big = ("x".repeat(900) + "\r\n").repeat(600);
        assertThat(new MessageReader(400_000, FAR, spool).read(new ByteArrayInputStream((big + ".\r\n")
                .getBytes(ISO_8859_1))).refusal()).isEqualTo(SmtpReplies.TOO_BIG);
        assertThatThrownBy(() -> new MessageReader(10_000_000, FAR, spool).read(new ByteArrayInputStream(
                big.getBytes(ISO_8859_1)))).isInstanceOf(EOFException.class);
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void aMessageOutgrowingItsRoomIsReadToTheEndAndRefused452WithNoFileLeft(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path spool) throws IOException {
        String big = ("x".repeat(900) + "\r\n").repeat(600); // about 540 KB
        java.util.List<Long> asked = new java.util.ArrayList<>();
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream((big + ".\r\nQUIT\r\n").getBytes(ISO_8859_1));
        MessageReader.Result r = new MessageReader(10_000_000, FAR, spool, bytes -> {
            asked.add(bytes);
            return bytes <= 300_000;
        }).read(in);
        assertThat(r.refusal()).isEqualTo(SmtpReplies.INSUFFICIENT_STORAGE);
        assertThat(new String(in.readAllBytes(), ISO_8859_1)).as("read up to its end, not cut off")
                .isEqualTo("QUIT\r\n");
        assertThat(asked).as("asked with the bytes in all, growing").isSorted().last().matches(b -> b > 300_000);
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void refusesLoopingMessages() throws IOException {
        String hundred = "Received: from a by b; x\r\n".repeat(100);
        assertThat(read(hundred + "\r\nbody\r\n.\r\n", 100_000).accepted()).isTrue();
        assertThat(read(hundred + "received: from c by d; y\r\n\r\nbody\r\n.\r\n", 100_000).refusal())
                .isEqualTo(SmtpReplies.LOOP);
        assertThat(read("Subject: x\r\n\r\n" + hundred + hundred + ".\r\n", 100_000).accepted())
                .as("Received lines in the body do not count").isTrue();
    }

    @Test
    void closedConnectionIsNotAMessage() {
        assertThatThrownBy(() -> read("a\r\nb\r\n", 1000)).isInstanceOf(EOFException.class);
    }
}
