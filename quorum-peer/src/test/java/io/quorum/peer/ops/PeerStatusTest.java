package io.quorum.peer.ops;

import static io.quorum.peer.ops.OpsFixtures.config;
import static io.quorum.peer.ops.OpsFixtures.looking;
import static io.quorum.peer.ops.OpsFixtures.serving;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.view.PeerAddress;
import io.quorum.peer.config.QuorumPeerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerStatusTest {
    @TempDir
    Path dir;

    @Test
    void startingTakesIdAddressesAndSizeFromTheConfig() {
        QuorumPeerConfig config = config(dir, 2);
        PeerStatus status = looking(config);
        assertThat(status.myId()).isEqualTo(2);
        assertThat(status.state()).isEqualTo(ServerState.LOOKING);
        assertThat(status.leaderId()).isEmpty();
        assertThat(status.quorumAddress()).isEqualTo(new PeerAddress("127.0.0.1", 2889));
        assertThat(status.electionAddress()).contains(new PeerAddress("127.0.0.1", 3889));
        assertThat(status.clientAddress()).contains(new PeerAddress("0.0.0.0", 2181));
        assertThat(status.learnerType()).isEqualTo(LearnerType.PARTICIPANT);
        assertThat(status.serverCount()).isEqualTo(4);
        assertThat(status.lastElection()).isEmpty();
        assertThat(status.isServing()).isFalse();
    }

    @Test
    void anElectedPeerServesOnlyOnceItsSessionIsEstablished() {
        PeerStatus elected = looking(config(dir, 2)).elected(ServerState.FOLLOWING, 3, Duration.ofMillis(4), 9);
        assertThat(elected.isServing()).isFalse();
        assertThat(elected.establishedNow().isServing()).isTrue();
        assertThat(elected.establishedNow().withEpochs(3, 3).isServing()).isTrue();
        assertThat(elected.establishedNow().looking(10).isServing()).isFalse();
    }

    @Test
    void goingBackToLookingDropsLeaderAndLearnersButKeepsTheLastElection() {
        PeerStatus leading = serving(config(dir, 1), ServerState.LEADING);
        PeerStatus again = leading.looking(5);
        assertThat(again.leaderId()).isEmpty();
        assertThat(again.connectedLearners()).isZero();
        assertThat(again.lastElection()).contains(Duration.ofMillis(12));
        assertThat(again.stateChangedAtMillis()).isEqualTo(5);
        assertThat(again.currentEpoch()).isEqualTo(2);
    }

    @Test
    void inconsistentSnapshotsAreRejected() {
        PeerStatus looking = looking(config(dir, 1));
        assertThatThrownBy(() -> looking.withConnectedLearners(1)).hasMessageContaining("only a leader has learners");
        assertThatThrownBy(() -> looking.elected(ServerState.LOOKING, 1, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeerStatus(1, ServerState.FOLLOWING, OptionalLong.empty(), 0, 0, 0,
                OpsFixtures.FAST, Optional.empty(), 0, looking.quorumAddress(), Optional.empty(), Optional.empty(),
                LearnerType.PARTICIPANT, 0, 3, false)).hasMessageContaining("without a leader id");
        assertThatThrownBy(looking::establishedNow).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void electionAlgorithmDescriptions() {
        assertThat(ElectionAlgorithm.numbered("fast", 3).describe()).isEqualTo("fast (3)");
        assertThat(ElectionAlgorithm.numbered("fast", 3).confValue()).isEqualTo("3");
        assertThat(ElectionAlgorithm.named("raft").describe()).isEqualTo("raft");
        assertThat(ElectionAlgorithm.named("raft").confValue()).isEqualTo("raft");
    }

    @Test
    void thisBuildsVersionComesFromMavensFilteredResource() {
        BuildInfo build = BuildInfo.ofThisBuild();
        assertThat(build.version()).isNotEqualTo("unknown").doesNotContain("${");
        assertThat(build.builtOn()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
        assertThat(build.fullVersion()).startsWith("quorum " + build.version() + ", built on ");
    }
}
