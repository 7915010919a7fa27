package io.quorum.peer.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.Zxid;
import io.quorum.peer.persist.DataDirRecovery;
import io.quorum.peer.persist.FileEpochStore;
import io.quorum.peer.persist.FileTxnLog;
import io.quorum.peer.persist.TxnRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history a learner keeps in step with its leader's TRUNC and SNAP, on real files. */
class PeerHistoryTest {
    @TempDir
    Path dataDir;

    @Test
    void aSnapshotAheadOfTheLogBecomesTheLastLoggedZxidAfterARestart() throws Exception {
        try (FileTxnLog log = FileTxnLog.open(dataDir)) {
            PeerHistory history = open(log);
            history.acceptEpoch(3);
            history.append(Zxid.of(1, 1), new byte[] {1});
            // As the learner does at NEWLEADER: inside the updatingEpoch window.
            history.markUpdatingEpoch();
            history.adoptSnapshot(Zxid.of(3, 7));
            assertThat(history.lastLoggedZxid()).isEqualTo(Zxid.of(3, 7));
            // Crash here, before currentEpoch 3 is written: recovery trusts the marker.
        }
        try (FileTxnLog log = FileTxnLog.open(dataDir)) {
            PeerHistory recovered = open(log);
            assertThat(recovered.lastLoggedZxid()).isEqualTo(Zxid.of(3, 7));
            assertThat(recovered.currentEpoch()).isEqualTo(3);
            assertThat(log.readAll()).extracting(TxnRecord::zxid).containsExactly(Zxid.of(1, 1), Zxid.of(3, 7));
        }
    }

    @Test
    void aSnapshotBehindTheLogCutsTheLogBackToIt() throws Exception {
        try (FileTxnLog log = FileTxnLog.open(dataDir)) {
            PeerHistory history = open(log);
            history.append(Zxid.of(1, 1), new byte[] {1});
            history.append(Zxid.of(2, 1), new byte[] {2});
            history.adoptSnapshot(Zxid.of(1, 5));
            assertThat(log.readAll()).extracting(TxnRecord::zxid).containsExactly(Zxid.of(1, 1), Zxid.of(1, 5));
            assertThat(history.lastLoggedZxid()).isEqualTo(Zxid.of(1, 5));
        }
    }

    @Test
    void truncateDropsTransactionsTheLeaderDoesNotHave() throws Exception {
        try (FileTxnLog log = FileTxnLog.open(dataDir)) {
            PeerHistory history = open(log);
            history.acceptEpoch(1);
            history.setCurrentEpoch(1);
            history.append(Zxid.of(1, 1), new byte[] {1});
            history.append(Zxid.of(1, 2), new byte[] {2});
            history.truncateAfter(Zxid.of(1, 1));
            assertThat(history.lastLoggedZxid()).isEqualTo(Zxid.of(1, 1));
        }
        try (FileTxnLog log = FileTxnLog.open(dataDir)) {
            assertThat(open(log).lastLoggedZxid()).isEqualTo(Zxid.of(1, 1));
        }
    }

    private PeerHistory open(FileTxnLog log) throws Exception {
        FileEpochStore epochs = FileEpochStore.open(dataDir);
        return new PeerHistory(epochs, log, DataDirRecovery.recover(epochs, log));
    }
}
