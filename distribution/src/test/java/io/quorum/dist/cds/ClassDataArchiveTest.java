package io.quorum.dist.cds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theKeyIsStableAndChangesWithAnyJarsSizeOrTime() throws Exception {
        Path a = Files.writeString(dir.resolve("a.jar"), "one");
        Path b = Files.writeString(dir.resolve("b.jar"), "two");
        String key = ClassDataArchive.key(List.of(a, b));

        assertThat(ClassDataArchive.key(List.of(a, b))).isEqualTo(key).hasSize(16);
        assertThat(ClassDataArchive.key(List.of(b, a))).as("order matters to the JVM").isNotEqualTo(key);

        Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis() + 2_000));
        assertThat(ClassDataArchive.key(List.of(a, b))).as("a rebuilt jar").isNotEqualTo(key);

        String touched = ClassDataArchive.key(List.of(a, b));
        Files.writeString(a, "longer");
        Files.setLastModifiedTime(a, Files.getLastModifiedTime(a));
        assertThat(ClassDataArchive.key(List.of(a, b))).isNotEqualTo(touched);
    }

    @Test
    void aClassPathWithDirectoriesGetsNoArchiveAndPeersNoOption() {
        // This test runs from target/classes directories, which the JVM cannot archive.
        StringWriter progress = new StringWriter();

        assertThat(ClassDataArchive.prepare(new PrintWriter(progress))).isEmpty();
        assertThat(ClassDataArchive.jvmOptions()).isEmpty();
        assertThat(progress.toString()).isEmpty();
    }

    @Test
    void theCacheDirectoryCanBeChosen() {
        String before = System.getProperty("quorum.cds.dir");
        System.setProperty("quorum.cds.dir", dir.toString());
        try {
            assertThat(ClassDataArchive.cacheDir()).isEqualTo(dir);
        } finally {
            if (before == null) {
                System.clearProperty("quorum.cds.dir");
            } else {
                System.setProperty("quorum.cds.dir", before);
            }
        }
    }
}
