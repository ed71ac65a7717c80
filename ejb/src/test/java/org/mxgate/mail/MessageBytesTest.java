package org.mxgate.mail;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageBytesTest {

    @Test
    void aSpooledMessageIsItsHeadThenItsFileAndIsReadWithoutBeingCopiedWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m");
        Files.writeString(file, "Subject: large\r\n\r\nGr\u00fc\u00dfe\r\n", ISO_8859_1);
        MessageBytes m = MessageBytes.inFile(file).withPrefix("Received: by mx\r\n".getBytes(ISO_8859_1));
        String whole = "Received: by mx\r\nSubject: large\r\n\r\nGr\u00fc\u00dfe\r\n";
        assertThat(m.inMemory()).isFalse();
        assertThat(m.size()).isEqualTo(whole.length());
        assertThat(new String(m.open().readAllBytes(), ISO_8859_1)).isEqualTo(whole);
        // the header section runs on from the head into the file
        assertThat(new String(m.headerSection(1000), ISO_8859_1)).isEqualTo("Received: by mx\r\nSubject: large\r\n\r\n");
        assertThat(new String(m.headerSection(20), ISO_8859_1)).hasSize(20);
        assertThat(m.isEightBit()).isTrue();
        m.discard();
        assertThat(file).doesNotExist();
    }

    @Test
    void aMessageInMemoryIsAllHead() {
        MessageBytes m = MessageBytes.of("\r\njust a body\r\n".getBytes(ISO_8859_1));
        assertThat(m.inMemory()).isTrue();
        assertThat(m.toArray()).isSameAs(m.head());
        assertThat(new String(m.headerSection(1000), ISO_8859_1)).as("no header fields at all").isEqualTo("\r\n");
        assertThat(m.isEightBit()).isFalse();
        m.discard(); // nothing to delete
    }
}
