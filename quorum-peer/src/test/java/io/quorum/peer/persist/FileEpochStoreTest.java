package io.quorum.peer.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileEpochStoreTest {
    @TempDir
    Path dataDir;

    private Path file(String name) {
        return dataDir.resolve("version-2").resolve(name);
    }

    @Test
    void freshDirectoryHasNoEpochsAndCreatesVersionDir() throws Exception {
        FileEpochStore store = FileEpochStore.open(dataDir);

        assertThat(store.directory()).isEqualTo(dataDir.resolve("version-2")).isDirectory();
        assertThat(store.hasCurrentEpoch()).isFalse();
        assertThat(store.hasAcceptedEpoch()).isFalse();
        assertThatThrownBy(store::currentEpoch).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valuesSurviveReopen() throws Exception {
        FileEpochStore store = FileEpochStore.open(dataDir);
        store.setAcceptedEpoch(7);
        store.setCurrentEpoch(6);

        FileEpochStore reopened = FileEpochStore.open(dataDir);

        assertThat(reopened.acceptedEpoch()).isEqualTo(7);
        assertThat(reopened.currentEpoch()).isEqualTo(6);
        assertThat(Files.list(reopened.directory())).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("acceptedEpoch", "currentEpoch");
    }

    @ParameterizedTest
    @EnumSource(WriteStep.class)
    void aCrashedWriteLeavesMemoryAtTheOldValueAndDiskAtOldOrNew(WriteStep step) throws Exception {
        FileEpochStore.open(dataDir).setCurrentEpoch(1);
        FileEpochStore crashing = FileEpochStore.open(dataDir, SimulatedCrash.at(step));

        assertThatThrownBy(() -> crashing.setCurrentEpoch(2)).isInstanceOf(SimulatedCrash.class);

        assertThat(crashing.currentEpoch()).isEqualTo(1);
        long onDisk = FileEpochStore.open(dataDir).currentEpoch();
        assertThat(onDisk).isEqualTo(step == WriteStep.RENAMED ? 2 : 1);
    }

    @ParameterizedTest
    @EnumSource(WriteStep.class)
    void anInterruptedAcceptedEpochWriteIsCleanedUpOnOpen(WriteStep step) throws Exception {
        FileEpochStore.open(dataDir).setAcceptedEpoch(1);
        FileEpochStore crashing = FileEpochStore.open(dataDir, SimulatedCrash.at(step));
        assertThatThrownBy(() -> crashing.setAcceptedEpoch(2)).isInstanceOf(SimulatedCrash.class);

        FileEpochStore reopened = FileEpochStore.open(dataDir);

        assertThat(reopened.acceptedEpoch()).isIn(1L, 2L);
        assertThat(file("acceptedEpoch.tmp")).doesNotExist();
        reopened.setAcceptedEpoch(3);
        assertThat(FileEpochStore.open(dataDir).acceptedEpoch()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "garbage", "\u0000\u0000"})
    void aCurrentEpochTempThatIsNotNewerIsDeletedOnOpen(String tempContent) throws Exception {
        FileEpochStore.open(dataDir).setCurrentEpoch(1);
        Files.writeString(file("currentEpoch.tmp"), tempContent);

        FileEpochStore reopened = FileEpochStore.open(dataDir);

        assertThat(reopened.currentEpoch()).isEqualTo(1);
        assertThat(reopened.interruptedCurrentEpochWrite()).isEmpty();
        assertThat(file("currentEpoch.tmp")).doesNotExist();
    }

    @Test
    void aNewerCurrentEpochTempIsKeptAsEvidenceButNeverAsTheValue() throws Exception {
        FileEpochStore.open(dataDir).setCurrentEpoch(1);
        Files.writeString(file("currentEpoch.tmp"), "2");

        FileEpochStore reopened = FileEpochStore.open(dataDir);

        assertThat(reopened.currentEpoch()).isEqualTo(1);
        assertThat(reopened.interruptedCurrentEpochWrite()).isEqualTo(OptionalLong.of(2));
        assertThat(file("currentEpoch.tmp")).exists();

        reopened.discardInterruptedWrites();
        assertThat(file("currentEpoch.tmp")).doesNotExist();
        assertThat(reopened.interruptedCurrentEpochWrite()).isEmpty();
    }

    @Test
    void writingOverALongerLeftoverTempLeavesExactlyTheNewBytes() throws Exception {
        Files.createDirectories(dataDir.resolve("version-2"));
        Files.writeString(file("currentEpoch.tmp"), "123456");
        FileEpochStore store = FileEpochStore.open(dataDir);

        store.setCurrentEpoch(9);

        assertThat(Files.readString(file("currentEpoch"))).isEqualTo("9");
        assertThat(file("currentEpoch.tmp")).doesNotExist();
        assertThat(store.interruptedCurrentEpochWrite()).isEmpty();
    }

    @Test
    void updatingEpochMarkerIsAnEmptyFileThatComesAndGoes() throws Exception {
        FileEpochStore store = FileEpochStore.open(dataDir);

        store.markUpdatingEpoch();
        assertThat(store.isUpdatingEpoch()).isTrue();
        assertThat(file("updatingEpoch")).isEmptyFile();
        assertThat(FileEpochStore.open(dataDir).isUpdatingEpoch()).isTrue();

        store.clearUpdatingEpoch();
        assertThat(store.isUpdatingEpoch()).isFalse();
        assertThat(file("updatingEpoch")).doesNotExist();
        store.clearUpdatingEpoch();
    }

    @Test
    void aCorruptFileFailsOpenWithoutBeingReset() throws Exception {
        FileEpochStore.open(dataDir).setCurrentEpoch(3);
        Files.writeString(file("currentEpoch"), "3x");

        assertThatThrownBy(() -> FileEpochStore.open(dataDir))
                .isInstanceOf(CorruptEpochFileException.class)
                .hasMessageContaining(file("currentEpoch").toString())
                .hasMessageContaining("\"3x\"");
        assertThat(Files.readString(file("currentEpoch"))).isEqualTo("3x");
    }
}
