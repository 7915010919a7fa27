package io.quorum.peer.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpochFileFormatTest {
    @TempDir
    Path dataDir;

    @Test
    void writesTheBareDecimalWithoutNewline() throws Exception {
        FileEpochStore store = FileEpochStore.open(dataDir);
        store.setCurrentEpoch(1);
        store.setAcceptedEpoch(-42);

        assertThat(Files.readAllBytes(dataDir.resolve("version-2/currentEpoch"))).containsExactly('1');
        assertThat(Files.readString(dataDir.resolve("version-2/acceptedEpoch"))).isEqualTo("-42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5\n", "5\r\n"})
    void readsTheFirstLine(String content) throws Exception {
        writeEpochFile("currentEpoch", content);

        assertThat(FileEpochStore.open(dataDir).currentEpoch()).isEqualTo(5);
    }

    @Test
    void readsTheExtremes() throws Exception {
        writeEpochFile("currentEpoch", Long.toString(Long.MIN_VALUE));
        writeEpochFile("acceptedEpoch", Long.toString(Long.MAX_VALUE));

        FileEpochStore store = FileEpochStore.open(dataDir);

        assertThat(store.currentEpoch()).isEqualTo(Long.MIN_VALUE);
        assertThat(store.acceptedEpoch()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {" 5", "5 ", "abc", "", "5 6", "5\n6", "+5", "5\n\n", "0x5", "99999999999999999999",
        "\u0000"})
    void rejectsAnythingElseNamingTheFileAndLeavingItAlone(String content) throws Exception {
        Path file = writeEpochFile("acceptedEpoch", content);

        assertThatThrownBy(() -> FileEpochStore.open(dataDir))
                .isInstanceOf(CorruptEpochFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(EpochFileFormat.quote(content));
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).isEqualTo(content);
    }

    @Test
    void rejectsAnOversizedFileWithoutReadingIt() throws Exception {
        Path file = writeEpochFile("currentEpoch", "1".repeat(EpochFileFormat.MAX_BYTES + 1));

        assertThatThrownBy(() -> FileEpochStore.open(dataDir))
                .isInstanceOf(CorruptEpochFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("too large");
    }

    private Path writeEpochFile(String name, String content) throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("version-2"));
        return Files.writeString(dir.resolve(name), content, StandardCharsets.ISO_8859_1);
    }
}
