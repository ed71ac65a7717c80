package org.mxgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void newDirectoriesAndFilesAreForTheOwnerOnly() throws Exception {
        Path dir = PrivateFiles.directory(tmp.resolve("a/data"));
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("a"))).as("a missing parent too").isEqualTo("rwx------");
        PrivateFiles.writeNew(dir.resolve("secret"), "x\n");
        assertThat(mode(dir.resolve("secret"))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("secret"))).isEqualTo("x\n");
        assertThatThrownBy(() -> PrivateFiles.writeNew(dir.resolve("secret"), "y"))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void existingOnesAreTightened() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("old"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(dir.resolve("f"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFiles.directory(dir);
        PrivateFiles.tighten(file);
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
    }
}
