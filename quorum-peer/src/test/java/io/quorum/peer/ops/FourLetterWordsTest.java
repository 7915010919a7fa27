package io.quorum.peer.ops;

import static io.quorum.peer.ops.OpsFixtures.BUILD;
import static io.quorum.peer.ops.OpsFixtures.STATS;
import static io.quorum.peer.ops.OpsFixtures.config;
import static io.quorum.peer.ops.OpsFixtures.looking;
import static io.quorum.peer.ops.OpsFixtures.serving;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.peer.config.QuorumPeerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FourLetterWordsTest {
    private static final String VERSION = "Zookeeper version: quorum 0.1.0, built on 2025-01-31 09:15 UTC\n";
    private static final String STATS_LINES = """
            Latency min/avg/max: 0/0.0/0
            Received: 7
            Sent: 6
            Connections: 1
            Outstanding: 0
            Zxid: 0x200000000
            """;
    private static final String OUR_FOLLOWER_LINES = """
            Server id: 1
            Leader: 3
            Epoch: 2
            Accepted epoch: 2
            Election algorithm: fast (3)
            Last election: 12 ms
            """;

    @TempDir
    Path dir;
    private QuorumPeerConfig config;
    private FourLetterWords words;

    @BeforeEach
    void setUp() {
        config = config(dir, 1);
        words = new FourLetterWords(config, BUILD);
    }

    private QuorumPeerConfig observerConfig() {
        Path observerDir = dir.resolve("observer");
        assertThat(observerDir.toFile().mkdirs()).isTrue();
        return config(observerDir, 4);
    }

    private String answer(String word, PeerStatus status) {
        return words.answer(word, status, STATS).orElseThrow();
    }

    @Test
    void srvrOfAFollower() {
        assertThat(answer("srvr", serving(config, ServerState.FOLLOWING))).isEqualTo(VERSION + STATS_LINES
                + "Mode: follower\nNode count: 0\n" + OUR_FOLLOWER_LINES);
    }

    @Test
    void srvrOfALeaderHasZooKeepersProposalLineAndOurLearnerCount() {
        assertThat(answer("srvr", serving(config, ServerState.LEADING))).isEqualTo(VERSION + STATS_LINES + """
                Mode: leader
                Node count: 0
                Proposal sizes last/min/max: -1/-1/-1
                Server id: 1
                Leader: 1
                Epoch: 2
                Accepted epoch: 2
                Election algorithm: fast (3)
                Last election: 12 ms
                Learners: 2
                """);
    }

    @Test
    void srvrOfAnObserver() {
        QuorumPeerConfig observer = observerConfig();
        String answer = new FourLetterWords(observer, BUILD).answer("srvr", serving(observer, ServerState.OBSERVING), STATS)
                .orElseThrow();
        assertThat(answer).contains("\nMode: observer\n", "\nServer id: 4\n", "\nLeader: 3\n")
                .doesNotContain("Learners:", "Proposal sizes");
    }

    @Test
    void statAddsZooKeepersClientsSectionAfterTheVersion() {
        assertThat(answer("stat", serving(config, ServerState.FOLLOWING))).isEqualTo(VERSION + """
                Clients:
                 /127.0.0.1:50244[0](queued=0,recved=1,sent=0)

                """ + STATS_LINES + "Mode: follower\nNode count: 0\n" + OUR_FOLLOWER_LINES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"srvr", "stat", "mntr", "conf"})
    void whileLookingEveryWordButRuokAnswersExactlyLikeZooKeeper(String word) {
        assertThat(answer(word, looking(config)))
                .isEqualTo("This ZooKeeper instance is not currently serving requests\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOOKING", "FOLLOWING", "LEADING"})
    void ruokIsImokWithoutNewlineInEveryState(ServerState state) {
        PeerStatus status = state == ServerState.LOOKING ? looking(config) : serving(config, state);
        assertThat(answer("ruok", status)).isEqualTo("imok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"envi", "cons", "dump", "wchs", "SRVR", "srv ", "\0\0\0,", "xxxx"})
    void otherWordsGetNoAnswer(String word) {
        assertThat(words.answer(word, serving(config, ServerState.FOLLOWING), STATS)).isEmpty();
    }

    @Test
    void mntrOfAFollower() {
        assertThat(answer("mntr", serving(config, ServerState.FOLLOWING))).isEqualTo("""
                zk_version\tquorum 0.1.0, built on 2025-01-31 09:15 UTC
                zk_avg_latency\t0.0
                zk_max_latency\t0
                zk_min_latency\t0
                zk_packets_received\t7
                zk_packets_sent\t6
                zk_num_alive_connections\t1
                zk_outstanding_requests\t0
                zk_server_state\tfollower
                zk_znode_count\t0
                zk_watch_count\t0
                zk_ephemerals_count\t0
                zk_approximate_data_size\t0
                zk_quorum_server_id\t1
                zk_quorum_leader_id\t3
                zk_quorum_epoch\t2
                zk_quorum_accepted_epoch\t2
                zk_quorum_election_alg\tfast
                zk_quorum_election_alg_number\t3
                zk_quorum_last_election_ms\t12
                zk_quorum_state_changed_at_ms\t1700000000050
                zk_quorum_learner_type\tparticipant
                zk_quorum_servers\t4
                """);
    }

    @Test
    void mntrOfALeaderAddsZooKeepersLeaderKeysBeforeOurs() {
        String mntr = answer("mntr", serving(config, ServerState.LEADING));
        assertThat(mntr).contains("""
                zk_approximate_data_size\t0
                zk_followers\t2
                zk_synced_followers\t2
                zk_pending_syncs\t0
                zk_last_proposal_size\t-1
                zk_max_proposal_size\t-1
                zk_min_proposal_size\t-1
                zk_quorum_server_id\t1
                """).contains("zk_server_state\tleader\n");
    }

    @Test
    void mntrOfAPluginAlgorithmWithoutNumber() {
        PeerStatus status = PeerStatus.starting(config, ElectionAlgorithm.named("raft"), 0, 0, 0, 1)
                .elected(ServerState.FOLLOWING, 2, java.time.Duration.ofMillis(3), 2).establishedNow();
        assertThat(answer("mntr", status)).contains("zk_quorum_election_alg\traft\n",
                "zk_quorum_election_alg_number\t-1\n");
        assertThat(answer("srvr", status)).contains("\nElection algorithm: raft\n");
    }

    @Test
    void confAsZooKeeper34PrintsIt() {
        Path versionDir = dir.resolve("version-2").toAbsolutePath();
        assertThat(answer("conf", serving(config, ServerState.FOLLOWING))).isEqualTo("""
                clientPort=2181
                dataDir=%1$s
                dataLogDir=%1$s
                tickTime=2000
                maxClientCnxns=8
                minSessionTimeout=4000
                maxSessionTimeout=40000
                serverId=1
                initLimit=10
                syncLimit=5
                electionAlg=3
                electionPort=3888
                quorumPort=2888
                peerType=0
                """.formatted(versionDir));
    }

    @Test
    void confOfAnObserverHasPeerType1() {
        QuorumPeerConfig observer = observerConfig();
        String conf = new FourLetterWords(observer, BUILD).answer("conf", serving(observer, ServerState.OBSERVING), STATS)
                .orElseThrow();
        assertThat(conf).contains("\nserverId=4\n", "\nelectionPort=3891\n", "\nquorumPort=2891\n")
                .endsWith("\npeerType=1\n");
    }
}
