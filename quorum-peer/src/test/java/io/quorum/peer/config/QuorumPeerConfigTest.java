package io.quorum.peer.config;

import static io.quorum.peer.config.Ensembles.threeServersWith;
import static io.quorum.peer.config.Ensembles.writeMyId;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.quorum.api.LearnerType;
import io.quorum.api.view.HierarchicalVerifier;
import io.quorum.api.view.MajorityVerifier;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class QuorumPeerConfigTest {
    // ZooKeeper 3.4's conf/zoo_sample.cfg with an ensemble added, unchanged otherwise.
    private static final String ZOOKEEPER_SAMPLE = """
            # The number of milliseconds of each tick
            tickTime=2000
            # The number of ticks that the initial
            # synchronization phase can take
            initLimit=10
            # The number of ticks that can pass between
            # sending a request and getting an acknowledgement
            syncLimit=5
            # the directory where the snapshot is stored.
            dataDir=%s
            # the port at which the clients will connect
            clientPort=2181
            server.1=zoo1:2888:3888
            server.2=zoo2:2888:3888
            server.3=zoo3:2888:3888
            server.4=zoo4:2888:3888:observer
            """;

    @TempDir
    Path dataDir;

    @TempDir
    Path confDir;

    private final Logger configLogger = (Logger) LoggerFactory.getLogger(QuorumPeerConfig.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @AfterEach
    void detachLog() {
        configLogger.detachAppender(log);
    }

    @Test
    void parsesTheZooKeeperSampleAsTheObserver() throws ConfigException {
        writeMyId(dataDir, "4\n");
        Path zooCfg = Ensembles.write(confDir.resolve("zoo.cfg"), ZOOKEEPER_SAMPLE.formatted(dataDir) + "peerType=observer\n");

        QuorumPeerConfig config = QuorumPeerConfig.parse(zooCfg);

        assertThat(config.myId()).isEqualTo(4);
        assertThat(config.learnerType()).isEqualTo(LearnerType.OBSERVER);
        assertThat(config.myServer()).isEqualTo(
                QuorumServer.observer(4, new PeerAddress("zoo4", 2888), new PeerAddress("zoo4", 3888)));
        assertThat(config.view().servers()).extracting(QuorumServer::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(config.view().votingMembers()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(config.view().verifier()).isInstanceOf(MajorityVerifier.class);
        assertThat(config.tickTime()).isEqualTo(2000);
        assertThat(config.initLimit()).isEqualTo(10);
        assertThat(config.syncLimit()).isEqualTo(5);
        assertThat(config.dataDir()).isEqualTo(dataDir);
        assertThat(config.dataLogDir()).isEqualTo(dataDir);
        assertThat(config.clientAddress()).contains(new PeerAddress("0.0.0.0", 2181));
        assertThat(config.electionAlg()).isEqualTo("3");
        assertThat(config.cnxTimeout()).isEqualTo(5000);
        assertThat(config.quorumListenOnAllIPs()).isFalse();
        assertThat(config.electionProperties()).isEmpty();
        assertThat(config.unknownKeys()).isEmpty();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void parsesTheZooKeeperSampleAsAParticipant() throws ConfigException {
        writeMyId(dataDir, "2");
        Path zooCfg = Ensembles.write(confDir.resolve("zoo.cfg"), ZOOKEEPER_SAMPLE.formatted(dataDir));

        QuorumPeerConfig config = QuorumPeerConfig.parse(zooCfg);

        assertThat(config.myId()).isEqualTo(2);
        assertThat(config.learnerType()).isEqualTo(LearnerType.PARTICIPANT);
        assertThat(config.myServer().quorumAddress()).isEqualTo(new PeerAddress("zoo2", 2888));
    }

    @Test
    void appliesZooKeeperDefaults() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("tickTime", null);

        assertThat(config.tickTime()).isEqualTo(3000);
        assertThat(config.electionAlg()).isEqualTo("3");
        assertThat(config.cnxTimeout()).isEqualTo(5000);
        assertThat(config.learnerType()).isEqualTo(LearnerType.PARTICIPANT);
        assertThat(config.clientAddress()).isEmpty();
        assertThat(config.pluginDir()).isEmpty();
    }

    @Test
    void readsTheOptionalKeys(@TempDir Path logDir) throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("dataLogDir", logDir.toString(), "quorumListenOnAllIPs", "TRUE",
                "cnxTimeout", "750", "clientPort", "2181", "clientPortAddress", "127.0.0.1");

        assertThat(config.dataLogDir()).isEqualTo(logDir);
        assertThat(config.quorumListenOnAllIPs()).isTrue();
        assertThat(config.cnxTimeout()).isEqualTo(750);
        assertThat(config.clientAddress()).contains(new PeerAddress("127.0.0.1", 2181));
    }

    @Test
    void resolvesRelativeDirectoriesAgainstTheWorkingDirectory() throws ConfigException {
        Path data = dataDir.resolve("data");
        data.toFile().mkdir();
        writeMyId(data, "1");

        data.resolve("plugins").toFile().mkdir();

        QuorumPeerConfig config = QuorumPeerConfig.parse(
                threeServersWith(dataDir, "dataDir", "data", "dataLogDir", "log", "plugin.dir", "data/plugins"), dataDir);

        assertThat(config.dataDir()).isEqualTo(data);
        assertThat(config.dataLogDir()).isEqualTo(dataDir.resolve("log"));
        assertThat(config.pluginDir()).contains(data.resolve("plugins"));
        assertThat(config.unknownKeys()).isEmpty();
    }

    @Test
    void toleratesBlanksAndExtraLinesInMyid() throws ConfigException {
        writeMyId(dataDir, "  3 \r\nignored\n");

        assertThat(parse().myId()).isEqualTo(3);
    }

    @Test
    void buildsAHierarchicalQuorumFromGroupsAndWeights() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse(
                "server.4", "127.0.0.1:2891:3891", "server.5", "127.0.0.1:2892:3892", "server.6", "127.0.0.1:2893:3893",
                "server.7", "127.0.0.1:2894:3894:observer",
                "group.1", "1:2:3", "group.2", "4:5:6", "weight.1", "2", "weight.3", "0");

        assertThat(config.view().verifier()).isInstanceOf(HierarchicalVerifier.class);
        assertThat(config.view().votingMembers()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(config.view().verifier().weight(1)).isEqualTo(2);
        assertThat(config.view().verifier().weight(3)).isZero();
        assertThat(config.view().verifier().mayLead(3)).isFalse();
        // Server 1 alone outweighs 2 and 3 (2 > 3/2) and 4 and 5 are a majority of group 2.
        assertThat(config.view().verifier().containsQuorum(List.of(1L, 4L, 5L))).isTrue();
        assertThat(config.view().verifier().containsQuorum(List.of(2L, 3L, 4L, 5L))).isFalse();
    }

    @Test
    void acceptsAGroupWhoseServersAllWeighZero() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("group.1", "1:2", "group.2", "3", "weight.3", "0");

        assertThat(config.view().verifier().containsQuorum(List.of(1L, 2L))).isTrue();
    }

    @Test
    void parsesIpv6ServerLines() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("server.1", "[::1]:2888:3888", "server.2", "[::1]:2889:3889",
                "server.3", "[2001:db8::3]:2888:3888");

        assertThat(config.myServer().quorumAddress()).isEqualTo(new PeerAddress("::1", 2888));
        assertThat(config.view().server(3).orElseThrow().electionAddress()).contains(new PeerAddress("2001:db8::3", 3888));
    }

    @Test
    void takesTheClientAddressFromAPortOnlyClientPart() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("server.1", "127.0.0.1:2888:3888;2181");

        assertThat(config.clientAddress()).contains(new PeerAddress("0.0.0.0", 2181));
    }

    @Test
    void takesTheClientAddressFromAHostAndPortClientPart() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("server.1", "127.0.0.1:2888:3888;127.0.0.1:2181");

        assertThat(config.clientAddress()).contains(new PeerAddress("127.0.0.1", 2181));
    }

    @Test
    void acceptsClientPortKeysThatAgreeWithTheServerLine() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("server.1", "127.0.0.1:2888:3888;127.0.0.1:2181",
                "clientPort", "2181", "clientPortAddress", "127.0.0.1");

        assertThat(config.clientAddress()).contains(new PeerAddress("127.0.0.1", 2181));
    }

    @Test
    void ignoresOtherServersClientParts() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("server.2", "127.0.0.1:2889:3889;2182", "clientPort", "2181");

        assertThat(config.clientAddress()).contains(new PeerAddress("0.0.0.0", 2181));
    }

    @Test
    void keepsElectionPropertiesAndAnAlgorithmName() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("electionAlg", "fast", "election.fast.minNotificationInterval", "100",
                "election.timeout", "7");

        assertThat(config.electionAlg()).isEqualTo("fast");
        assertThat(config.electionProperties()).containsExactly(
                Map.entry("election.fast.minNotificationInterval", "100"), Map.entry("election.timeout", "7"));
        assertThat(config.unknownKeys()).isEmpty();
    }

    @Test
    void normalisesANumericElectionAlg() throws ConfigException {
        writeMyId(dataDir, "1");

        assertThat(parse("electionAlg", "03").electionAlg()).isEqualTo("3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "legacy"})
    void acceptsLinesWithoutElectionPortForElectionAlg0(String electionAlg) throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("electionAlg", electionAlg, "server.1", "127.0.0.1:2888", "server.2", "127.0.0.1:2889",
                "server.3", "127.0.0.1:2890");

        assertThat(config.myServer().electionAddress()).isEmpty();
    }

    @Test
    void warnsAboutUnknownKeysAndKeepsThem() throws ConfigException {
        writeMyId(dataDir, "1");
        log.start();
        configLogger.addAppender(log);

        QuorumPeerConfig config = parse("maxClientCnxns", "60", "ticktime", "2000", "autopurge.purgeInterval", "1");

        assertThat(config.unknownKeys()).containsExactly("maxClientCnxns", "ticktime", "autopurge.purgeInterval");
        assertThat(config.warnings()).contains("unknown key ticktime is ignored (did you mean tickTime?)");
        assertThat(log.list)
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("unknown key maxClientCnxns is ignored",
                        "unknown key ticktime is ignored (did you mean tickTime?)",
                        "unknown key autopurge.purgeInterval is ignored");
    }

    @Test
    void letsTheServerLineWinOverAContradictingPeerType() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("peerType", "observer");

        assertThat(config.learnerType()).isEqualTo(LearnerType.PARTICIPANT);
        assertThat(config.warnings()).containsExactly(
                "peerType=observer contradicts server.1, which says participant; using the server line");
    }

    @Test
    void letsAnObserverLineWinOverPeerTypeParticipant() throws ConfigException {
        writeMyId(dataDir, "4");

        QuorumPeerConfig config = parse("server.4", "127.0.0.1:2891:3891:observer", "peerType", "participant");

        assertThat(config.learnerType()).isEqualTo(LearnerType.OBSERVER);
        assertThat(config.warnings()).singleElement().asString().contains("which says observer");
    }

    @Test
    void acceptsASingleVoterWithoutLimits() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("server.2", null, "server.3", null, "initLimit", null, "syncLimit", null);

        assertThat(config.view().votingMembers()).containsExactly(1L);
        assertThat(config.initLimit()).isZero();
        assertThat(config.syncLimit()).isZero();
    }

    @Test
    void warnsAboutAnEvenNumberOfVoters() throws ConfigException {
        writeMyId(dataDir, "1");

        QuorumPeerConfig config = parse("server.4", "127.0.0.1:2891:3891");

        assertThat(config.warnings()).singleElement().asString().startsWith("4 participants tolerate");
    }

    private QuorumPeerConfig parse(String... keysAndValues) throws ConfigException {
        return QuorumPeerConfig.parse(threeServersWith(dataDir, keysAndValues), dataDir);
    }
}
