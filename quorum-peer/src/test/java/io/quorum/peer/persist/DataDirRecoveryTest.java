package io.quorum.peer.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.Zxid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataDirRecoveryTest {
    @TempDir
    Path dataDir;

    private Path file(String name) {
        return dataDir.resolve("version-2").resolve(name);
    }

    @Test
    void aFreshDataDirGetsBothFilesAtZero() throws Exception {
        RecoveredState state = recover();

        assertThat(state).isEqualTo(new RecoveredState(0, 0, 0));
        assertThat(Files.readString(file("currentEpoch"))).isEqualTo("0");
        assertThat(Files.readString(file("acceptedEpoch"))).isEqualTo("0");
        FileEpochStore reopened = FileEpochStore.open(dataDir);
        assertThat(reopened.currentEpoch()).isZero();
        assertThat(reopened.acceptedEpoch()).isZero();
    }

    @Test
    void missingEpochFilesAreCreatedFromTheLogsEpoch(@TempDir Path dataLogDir) throws Exception {
        log(dataLogDir, Zxid.of(3, 7));

        RecoveredState state;
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            state = DataDirRecovery.recover(FileEpochStore.open(dataDir), log);
        }

        assertThat(state).isEqualTo(new RecoveredState(3, 3, Zxid.of(3, 7)));
        assertThat(Files.readString(file("currentEpoch"))).isEqualTo("3");
        assertThat(Files.readString(file("acceptedEpoch"))).isEqualTo("3");
    }

    @Test
    void updatingEpochMarkerAdoptsTheLogsEpochAndIsRemoved() throws Exception {
        epochs(1, 2);
        FileEpochStore.open(dataDir).markUpdatingEpoch();
        log(dataDir, Zxid.of(1, 5), Zxid.firstOfEpoch(2));

        RecoveredState state = recover();

        assertThat(state).isEqualTo(new RecoveredState(2, 2, Zxid.firstOfEpoch(2)));
        assertThat(Files.readString(file("currentEpoch"))).isEqualTo("2");
        assertThat(file("updatingEpoch")).doesNotExist();
    }

    @Test
    void aStaleUpdatingEpochMarkerIsRemovedHarmlessly() throws Exception {
        epochs(2, 2);
        FileEpochStore.open(dataDir).markUpdatingEpoch();
        log(dataDir, Zxid.of(1, 5));

        assertThat(recover()).isEqualTo(new RecoveredState(2, 2, Zxid.of(1, 5)));
        assertThat(file("updatingEpoch")).doesNotExist();
    }

    @Test
    void aCurrentEpochOlderThanTheLogIsRefused() throws Exception {
        epochs(1, 2);
        log(dataDir, Zxid.of(2, 1));

        assertThatThrownBy(this::recover)
                .isInstanceOf(DataDirRecoveryException.class)
                .hasMessageContaining("The current epoch, 1, is older than the last zxid, 0x200000001")
                .hasMessageContaining(file("").toString());
        assertThat(Files.readString(file("currentEpoch"))).isEqualTo("1");
    }

    @Test
    void anAcceptedEpochBelowTheCurrentEpochIsRefused() throws Exception {
        epochs(3, 2);

        assertThatThrownBy(this::recover)
                .isInstanceOf(DataDirRecoveryException.class)
                .hasMessageContaining("The accepted epoch, 2 is less than the current epoch, 3")
                .hasMessageContaining(file("").toString());
        assertThat(Files.readString(file("acceptedEpoch"))).isEqualTo("2");
    }

    @Test
    void aCorruptCurrentEpochIsAnErrorNamingTheFileAndIsLeftAlone() throws Exception {
        epochs(1, 1);
        Files.writeString(file("currentEpoch"), "one");

        assertThatThrownBy(() -> FileEpochStore.open(dataDir))
                .isInstanceOf(CorruptEpochFileException.class)
                .hasMessageContaining(file("currentEpoch").toString())
                .hasMessageContaining("\"one\"");
        assertThat(Files.readString(file("currentEpoch"))).isEqualTo("one");
    }

    @Test
    void anIntactTempOfExactlyTheLogsEpochIsAdopted() throws Exception {
        epochs(1, 2);
        log(dataDir, Zxid.firstOfEpoch(2));
        Files.writeString(file("currentEpoch.tmp"), "2");

        assertThat(recover()).isEqualTo(new RecoveredState(2, 2, Zxid.firstOfEpoch(2)));
        assertThat(Files.readString(file("currentEpoch"))).isEqualTo("2");
        assertThat(file("currentEpoch.tmp")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3", "9", "2 ", "x"})
    void aTempThatTheLogDoesNotConfirmIsNotTrusted(String tempContent) throws Exception {
        epochs(1, 9);
        log(dataDir, Zxid.firstOfEpoch(2));
        Files.writeString(file("currentEpoch.tmp"), tempContent);

        assertThatThrownBy(this::recover)
                .isInstanceOf(DataDirRecoveryException.class)
                .hasMessageContaining("The current epoch, 1, is older than the last zxid, 0x200000000");
        assertThat(Files.readString(file("currentEpoch"))).isEqualTo("1");
    }

    @Test
    void aNewerTempWithoutANewerLogIsCleanedUp() throws Exception {
        epochs(1, 2);
        log(dataDir, Zxid.of(1, 3));
        Files.writeString(file("currentEpoch.tmp"), "2");

        assertThat(recover()).isEqualTo(new RecoveredState(1, 2, Zxid.of(1, 3)));
        assertThat(file("currentEpoch.tmp")).doesNotExist();
    }

    /**
     * A learner on NEWLEADER of epoch 2: (optionally) mark, log the epoch's first zxid, store
     * currentEpoch. Dying anywhere in the epoch write must come back as epoch 2, the epoch the log
     * proves, with no marker and no temp file left.
     */
    @ParameterizedTest
    @EnumSource(WriteStep.class)
    void newLeaderInterruptedAtEveryStepWithTheMarker(WriteStep step) throws Exception {
        assertNewLeaderCrashRecovers(step, true);
    }

    @ParameterizedTest
    @EnumSource(WriteStep.class)
    void newLeaderInterruptedAtEveryStepWithoutTheMarker(WriteStep step) throws Exception {
        assertNewLeaderCrashRecovers(step, false);
    }

    @ParameterizedTest
    @EnumSource(WriteStep.class)
    void acceptedEpochInterruptedAtEveryStepRecoversOldOrNew(WriteStep step) throws Exception {
        epochs(1, 1);
        log(dataDir, Zxid.of(1, 4));
        FileEpochStore crashing = FileEpochStore.open(dataDir, SimulatedCrash.at(step));
        assertThatThrownBy(() -> crashing.setAcceptedEpoch(2)).isInstanceOf(SimulatedCrash.class);

        RecoveredState state = recover();

        assertThat(state.currentEpoch()).isEqualTo(1);
        assertThat(state.acceptedEpoch()).isIn(1L, 2L);
        assertThat(file("acceptedEpoch.tmp")).doesNotExist();
        assertThat(FileEpochStore.open(dataDir).acceptedEpoch()).isEqualTo(state.acceptedEpoch());
    }

    private void assertNewLeaderCrashRecovers(WriteStep step, boolean marker) throws Exception {
        epochs(1, 2);
        log(dataDir, Zxid.of(1, 5));
        FileEpochStore crashing = FileEpochStore.open(dataDir, SimulatedCrash.at(step));
        if (marker) {
            crashing.markUpdatingEpoch();
        }
        log(dataDir, Zxid.firstOfEpoch(2));
        assertThatThrownBy(() -> crashing.setCurrentEpoch(2)).isInstanceOf(SimulatedCrash.class);

        RecoveredState state = recover();

        assertThat(state).isEqualTo(new RecoveredState(2, 2, Zxid.firstOfEpoch(2)));
        assertThat(Files.readString(file("currentEpoch"))).isEqualTo("2");
        assertThat(file("updatingEpoch")).doesNotExist();
        assertThat(file("currentEpoch.tmp")).doesNotExist();
    }

    private RecoveredState recover() throws IOException {
        try (FileTxnLog log = FileTxnLog.open(dataDir)) {
            return DataDirRecovery.recover(FileEpochStore.open(dataDir), log);
        }
    }

    private void epochs(long current, long accepted) throws IOException {
        FileEpochStore store = FileEpochStore.open(dataDir);
        store.setCurrentEpoch(current);
        store.setAcceptedEpoch(accepted);
    }

    private static void log(Path dataLogDir, long... zxids) throws IOException {
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            for (long zxid : zxids) {
                log.append(zxid, new byte[] {(byte) zxid});
            }
        }
    }
}
