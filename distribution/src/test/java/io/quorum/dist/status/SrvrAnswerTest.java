package io.quorum.dist.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.view.PeerAddress;
import io.quorum.dist.status.Probe.Outcome;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** srvr answers as ZooKeeper 3.9.5 and 3.4.14 and our peer write them, and what is not one. */
class SrvrAnswerTest {
    private static final StatusTarget TARGET = new StatusTarget(OptionalLong.of(2), new PeerAddress("127.0.0.1", 2182));

    /** A 3.9.5 leader's answer, line for line (StatCommand); the version hash is made up. */
    static final String ZOOKEEPER_3_9_LEADER = String.join("\n",
            "Zookeeper version: 3.9.5-1e4fd4a0d6fb0d7d2c33f1e3e1a0a1d3b5c9f0e2, built on 2025-03-07 10:21 UTC",
            "Latency min/avg/max: 0/0.0/0",
            "Received: 3",
            "Sent: 2",
            "Connections: 1",
            "Outstanding: 0",
            "Zxid: 0x100000000",
            "Mode: leader",
            "Node count: 5",
            "Proposal sizes last/min/max: -1/-1/-1",
            "");

    /** A 3.4.14 follower's: no Proposal sizes line, an integer average latency. */
    static final String ZOOKEEPER_3_4_FOLLOWER = String.join("\n",
            "Zookeeper version: 3.4.14-4c25d480e66aadd371de8bd2fd8da255ac140bcf, built on 03/06/2019 16:18 GMT",
            "Latency min/avg/max: 0/0/0",
            "Received: 1",
            "Sent: 0",
            "Connections: 1",
            "Outstanding: 0",
            "Zxid: 0x200000000",
            "Mode: follower",
            "Node count: 4",
            "");

    /** Our follower's: ZooKeeper's lines, then ours (quorum-peer's SrvrFormat). */
    static final String OURS_FOLLOWER = String.join("\n",
            "Zookeeper version: quorum 0.1.0, built on 2025-01-31 09:15 UTC",
            "Latency min/avg/max: 0/0.0/0",
            "Received: 1",
            "Sent: 0",
            "Connections: 1",
            "Outstanding: 0",
            "Zxid: 0x200000000",
            "Mode: follower",
            "Node count: 0",
            "Server id: 2",
            "Leader: 3",
            "Epoch: 2",
            "Accepted epoch: 2",
            "Election algorithm: fast (3)",
            "Last election: 12 ms",
            "");

    @Test
    void zooKeeperAnswersHaveModeAndZxidOnly() {
        SrvrAnswer leader = SrvrAnswer.parse(ZOOKEEPER_3_9_LEADER).orElseThrow();
        assertThat(leader).isEqualTo(new SrvrAnswer("leader", OptionalLong.of(0x1_0000_0000L), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty()));
        assertThat(leader.isLeader()).isTrue();

        SrvrAnswer follower = SrvrAnswer.parse(ZOOKEEPER_3_4_FOLLOWER).orElseThrow();
        assertThat(follower.mode()).isEqualTo("follower");
        assertThat(follower.zxid()).hasValue(0x2_0000_0000L);
        assertThat(follower.isLeader()).isFalse();
    }

    @Test
    void ourAnswersAddIdLeaderEpochAndAlgorithm() {
        assertThat(SrvrAnswer.parse(OURS_FOLLOWER)).contains(new SrvrAnswer("follower", OptionalLong.of(0x2_0000_0000L),
                OptionalLong.of(2), OptionalLong.of(3), OptionalLong.of(2), Optional.of("fast (3)"),
                Optional.of("12 ms")));
    }

    @Test
    void crLfLineEndsAndUnparsableValuesAreTolerated() {
        SrvrAnswer answer = SrvrAnswer.parse("Zxid: banana\r\nMode: Leader\r\nLeader: x\r\nEpoch: 7\r\n").orElseThrow();
        assertThat(answer.mode()).isEqualTo("leader");
        assertThat(answer.zxid()).isEmpty();
        assertThat(answer.leaderId()).isEmpty();
        assertThat(answer.epoch()).hasValue(7);
    }

    @Test
    void probesSortAnswersIntoOutcomes() {
        assertThat(Probe.of(TARGET, OURS_FOLLOWER).outcome()).isEqualTo(Outcome.SERVING);
        assertThat(Probe.of(TARGET, OURS_FOLLOWER).sid()).hasValue(2);
        assertThat(Probe.of(TARGET, ZOOKEEPER_3_9_LEADER).isLeader()).isTrue();
        assertThat(Probe.of(TARGET, "This ZooKeeper instance is not currently serving requests\n").outcome())
                .isEqualTo(Outcome.NOT_SERVING);
        assertThat(Probe.of(TARGET, "").outcome()).isEqualTo(Outcome.NO_ANSWER);

        Probe whitelisted = Probe.of(TARGET, "srvr is not executed because it is not in the whitelist.\n");
        assertThat(whitelisted.outcome()).isEqualTo(Outcome.UNRECOGNISED);
        assertThat(whitelisted.detail()).isEqualTo("answered 'srvr is not executed because it is not in the whitelist.'");
        assertThat(whitelisted.isLeader()).isFalse();
    }

    @Test
    void theSidComesFromThePeerFirstAndTheConfigSecond() {
        StatusTarget bare = new StatusTarget(OptionalLong.empty(), new PeerAddress("127.0.0.1", 2181));
        assertThat(Probe.of(bare, OURS_FOLLOWER).sid()).hasValue(2);
        assertThat(Probe.of(bare, ZOOKEEPER_3_9_LEADER).sid()).isEmpty();
        assertThat(Probe.of(TARGET, ZOOKEEPER_3_9_LEADER).sid()).hasValue(2);
        assertThat(Probe.unreachable(TARGET, "connection refused").sid()).hasValue(2);
    }
}
