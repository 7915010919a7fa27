package io.quorum.dist.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.view.PeerAddress;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    private static StatusTarget target(OptionalLong sid, int port) {
        return new StatusTarget(sid, new PeerAddress("127.0.0.1", port));
    }

    @Test
    void oneAlignedLinePerPeerUnderAHeaderWithDashesForWhatThePeerDidNotSay() {
        List<Probe> probes = List.of(
                Probe.of(target(OptionalLong.of(1), 21801), SrvrAnswerTest.ZOOKEEPER_3_9_LEADER),
                Probe.of(target(OptionalLong.empty(), 21802), SrvrAnswerTest.OURS_FOLLOWER),
                Probe.of(target(OptionalLong.of(3), 21803), "This ZooKeeper instance is not currently serving requests\n"),
                Probe.unreachable(target(OptionalLong.of(4), 21804), "connection refused"));

        assertThat(StatusTable.lines(probes)).containsExactly(
                "SID  ADDRESS          MODE         ZXID         LEADER  EPOCH  ELECTION",
                "1    127.0.0.1:21801  leader       0x100000000  -       -      -",
                "2    127.0.0.1:21802  follower     0x200000000  3       2      fast (3)",
                "3    127.0.0.1:21803  not-serving  -            -       -      -",
                "4    127.0.0.1:21804  unreachable  -            -       -      -  (connection refused)");
    }

    @Test
    void noPeersIsAHeaderAlone() {
        assertThat(StatusTable.lines(List.of())).containsExactly("SID  ADDRESS  MODE  ZXID  LEADER  EPOCH  ELECTION");
    }
}
