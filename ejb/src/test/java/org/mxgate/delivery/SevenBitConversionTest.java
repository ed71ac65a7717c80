package org.mxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mxgate.mail.Mime;

class SevenBitConversionTest {

    private static final String MIXED = "Message-ID: <m1@sender.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "preamble\r\n--b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Gr\u00fc\u00dfe\r\n--b1\r\nContent-Type: text/plain\r\n\r\nplain part\r\n"
            + "--b1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "\u00ff\u00fe\u0001\r\n"
            + "--b1\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Subject: inner\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n\u00e9t\u00e9\r\n"
            + "--b1--\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] decoded(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyPartIsSevenBitAfterwardsAndDecodesToTheSameOctets() throws Exception {
        byte[] converted = SevenBitConversion.convert(bytes(MIXED));
        assertThat(Mime.isEightBit(converted)).isFalse();
        MimeMessage message = Mime.parse(converted);
        assertThat(message.getMessageID()).isEqualTo("<m1@sender.test>");
        assertThat(message.getHeader("Content-Transfer-Encoding", null)).isEqualTo("7bit");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getPreamble()).startsWith("preamble");
        assertThat(parts.getCount()).isEqualTo(4);
        assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(decoded(parts.getBodyPart(0))).isEqualTo(bytes("Gr\u00fc\u00dfe"));
        assertThat(decoded(parts.getBodyPart(1))).isEqualTo(bytes("plain part"));
        assertThat(parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")).as("a 7-bit part is left alone").isNull();
        assertThat(parts.getBodyPart(2).getHeader("Content-Transfer-Encoding")).containsExactly("base64");
        assertThat(decoded(parts.getBodyPart(2))).isEqualTo(bytes("\u00ff\u00fe\u0001"));
        BodyPart inner = parts.getBodyPart(3);
        assertThat(inner.getHeader("Content-Transfer-Encoding")).containsExactly("7bit");
        MimeMessage enclosed = Mime.parse(decoded(inner));
        assertThat(enclosed.getSubject()).isEqualTo("inner");
        assertThat(enclosed.getHeader("Content-Transfer-Encoding", null)).isEqualTo("quoted-printable");
        try (InputStream in = enclosed.getInputStream()) {
            assertThat(in.readAllBytes()).as("the CRLF before the boundary belongs to the boundary").isEqualTo(bytes("\u00e9t\u00e9"));
        }
    }

    @Test
    void aMessageWithoutMimeHeadersBecomesQuotedPrintableText() throws Exception {
        byte[] converted = SevenBitConversion.convert(bytes("Subject: old style\r\n\r\nna\u00efve\r\n"));
        assertThat(Mime.isEightBit(converted)).isFalse();
        MimeMessage message = Mime.parse(converted);
        assertThat(message.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(message.getHeader("Content-Transfer-Encoding", null)).isEqualTo("quoted-printable");
        try (InputStream in = message.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes("na\u00efve\r\n"));
        }
    }

    @Test
    void sevenBitMessagesAreReturnedUnchanged() {
        byte[] plain = bytes("Subject: x\r\n\r\nascii\r\n");
        assertThat(SevenBitConversion.convert(plain)).isSameAs(plain);
    }
}
