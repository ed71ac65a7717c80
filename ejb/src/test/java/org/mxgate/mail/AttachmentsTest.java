package org.mxgate.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttachmentsTest {

    private static List<Attachments.Attachment> parts(String message) throws Exception {
        return Attachments.of(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nestedMultipartsAndAttachedMessagesAreOpenedAndNamesDecoded() throws Exception {
        List<Attachments.Attachment> found = parts("""
                From: a@b.test\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary=outer\r
                \r
                --outer\r
                Content-Type: multipart/alternative; boundary=alt\r
                \r
                --alt\r
                Content-Type: text/plain\r
                \r
                hi\r
                --alt\r
                Content-Type: text/html\r
                \r
                <p>hi</p>\r
                --alt--\r
                --outer\r
                Content-Type: message/rfc822\r
                \r
                Subject: inner\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary=in\r
                \r
                --in\r
                Content-Type: application/octet-stream\r
                Content-Disposition: attachment; filename*=utf-8''R%C3%A9sum%C3%A9.PDF.Exe\r
                \r
                MZ\r
                --in--\r
                --outer\r
                Content-Type: application/x-msdownload; name="=?utf-8?q?tool=2Ecom?="\r
                \r
                MZ\r
                --outer--\r
                """);
        assertThat(found).extracting(Attachments.Attachment::mimeType).containsExactly("text/plain", "text/html",
                "message/rfc822", "application/octet-stream", "application/x-msdownload");
        assertThat(found.get(3).fileName()).isEqualTo("R\u00e9sum\u00e9.PDF.Exe");
        assertThat(found.get(3).extension()).isEqualTo("exe");
        assertThat(found.get(4).fileName()).isEqualTo("tool.com");
    }

    @Test
    void extensionsIgnoreTrailingDotsAndPaths() {
        assertThat(new Attachments.Attachment("virus.exe. . ", "x/y").extension()).isEqualTo("exe");
        assertThat(new Attachments.Attachment("C:\\dir.d\\README", "x/y").extension()).isEmpty();
        assertThat(new Attachments.Attachment(null, "x/y").extension()).isEmpty();
    }

    @Test
    void aMalformedMessageGivesThePartsReadSoFar() throws Exception {
        assertThat(parts("Content-Type: multipart/mixed; boundary=x\r\n\r\nno parts at all")).isEmpty();
        assertThat(parts("Subject: plain\r\n\r\nbody")).extracting(Attachments.Attachment::mimeType)
                .containsExactly("text/plain");
    }

    @Test
    void partsAfterALongBodyAreFoundAndBareLineFeedsEndLines() throws Exception {
        // 30 MB of body lines between the parts, made up as they are read
        String head = "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n";
        String tail = "\n--bx not a boundary\n--b\nContent-Type: application/octet-stream\n"
                + "Content-Disposition: attachment;\n filename=\"late.scr\"\n\nMZ\n--b--\n";
        long bodyLines = 30L * 1024 * 1024 / 77;
        java.io.InputStream message = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.US_ASCII)),
                new java.io.InputStream() {
                    private final byte[] line = ("A".repeat(76) + "\n").getBytes(StandardCharsets.US_ASCII);
                    private long at;

                    @Override
                    public int read() {
                        if (at >= bodyLines * line.length) {
                            return -1;
                        }
                        return line[(int) (at++ % line.length)];
                    }
                },
                new ByteArrayInputStream(tail.getBytes(StandardCharsets.US_ASCII)))));
        List<Attachments.Attachment> found = Attachments.of(message);
        assertThat(found).extracting(Attachments.Attachment::mimeType).containsExactly("text/plain", "application/octet-stream");
        assertThat(found.get(1).extension()).isEqualTo("scr");
    }
}
