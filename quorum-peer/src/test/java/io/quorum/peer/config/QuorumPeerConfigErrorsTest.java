package io.quorum.peer.config;

import static io.quorum.peer.config.Ensembles.threeServersWith;
import static io.quorum.peer.config.Ensembles.writeMyId;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One bad setting per case, on an otherwise valid three-server ensemble whose myid is 1. */
class QuorumPeerConfigErrorsTest {
    private static final String OBSERVER_4 = "127.0.0.1:2891:3891:observer";

    @TempDir
    Path dataDir;

    @BeforeEach
    void writeValidMyId() {
        writeMyId(dataDir, "1\n");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                bad("dataDir is not set", "dataDir", null),
                bad("dataDir is not set", "dataDir", " "),
                bad("dataLogDir is set but empty", "dataLogDir", ""),
                bad("tickTime must be a positive number, not 0", "tickTime", "0"),
                bad("tickTime must be a positive number, not -5", "tickTime", "-5"),
                bad("tickTime is not a number: 'fast'", "tickTime", "fast"),
                bad("tickTime is too large: 99999999999999999999", "tickTime", "99999999999999999999"),
                bad("initLimit is not set", "initLimit", null),
                bad("syncLimit is not set", "syncLimit", null),
                bad("initLimit is not a number: 'ten'", "initLimit", "ten"),
                bad("syncLimit must be a positive number, not 0", "syncLimit", "0"),
                bad("cnxTimeout must be a positive number, not 0", "cnxTimeout", "0"),
                bad("quorumListenOnAllIPs must be true or false, not 'yes'", "quorumListenOnAllIPs", "yes"),
                bad("electionAlg is set but empty", "electionAlg", "  "),
                bad("plugin.dir /no/such/plugins is not a directory", "plugin.dir", "/no/such/plugins"),
                bad("plugin.dir is set but empty", "plugin.dir", " "),
                bad("electionAlg 'Fast!' is neither a number 0-3 nor an algorithm name", "electionAlg", "Fast!"),
                bad("electionAlg 'my alg' is neither a number 0-3 nor an algorithm name", "electionAlg", "my alg"),
                bad("electionAlg 7 is out of range", "electionAlg", "7"),
                bad("electionAlg -1 is out of range", "electionAlg", "-1"),
                bad("peerType: Unrecognised peertype: voter", "peerType", "voter"),
                bad("clientPort 0 is out of range 1-65535", "clientPort", "0"),
                bad("clientPort 70000 is out of range 1-65535", "clientPort", "70000"),
                bad("clientPort is not a number: 'abc'", "clientPort", "abc"),
                bad("clientPortAddress is set but clientPort is not", "clientPortAddress", "127.0.0.1"),
                bad("clientPortAddress 'a host' is not a valid host name or IP address",
                        "clientPort", "2181", "clientPortAddress", "a host"),
                bad("clientPort/clientPortAddress give 0.0.0.0:2182 but the client part of server.1 gives 0.0.0.0:2181;"
                        + " they must agree", "server.1", "127.0.0.1:2888:3888;2181", "clientPort", "2182"),
                bad("give 127.0.0.1:2181 but the client part of server.1 gives 0.0.0.0:2181",
                        "server.1", "127.0.0.1:2888:3888;2181", "clientPort", "2181", "clientPortAddress", "127.0.0.1"),
                bad("no server.N lines: a quorum peer needs at least one server", "server.1", null, "server.2", null,
                        "server.3", null),
                bad("Observers w/o participants is an invalid configuration", "server.1", "127.0.0.1:2888:3888:observer",
                        "server.2", "127.0.0.1:2889:3889:observer", "server.3", "127.0.0.1:2890:3890:observer"),
                bad("My id 1 not in the peer list (the server.N lines name [2, 3])", "server.1", null),
                bad("server.01 repeats server id 1 of server.1", "server.01", "127.0.0.1:2891:3891"),
                bad("server.2 quorum address 127.0.0.1:2888 is already the server.1 quorum address",
                        "server.2", "127.0.0.1:2888:3889"),
                bad("server.2 election address 127.0.0.1:3888 is already the server.1 election address",
                        "server.2", "127.0.0.1:2889:3888"),
                bad("server.2 quorum address 127.0.0.1:3888 is already the server.1 election address",
                        "server.2", "127.0.0.1:3888:3889"),
                bad("server.2 quorum address LOCALHOST:2888 is already the server.1 quorum address",
                        "server.1", "localhost:2888:3888", "server.2", "LOCALHOST:2888:3889"),
                bad("server.2: quorum port and election port must be different (both are 2889)", "server.2", "127.0.0.1:2889:2889"),
                bad("server.3 quorum port 65536 is out of range", "server.3", "127.0.0.1:65536:3890"),
                bad("server.3 election port -1 is out of range", "server.3", "127.0.0.1:2890:-1"),
                bad("server.3: 'bad host' is not a valid host name", "server.3", "bad host:2890:3890"),
                bad("server.3 has no host before the first ':'", "server.3", ":2890:3890"),
                bad("server.3: '[' without a closing ']'", "server.3", "[::1:2890:3890"),
                bad("server id in server.x is not a number: 'x'", "server.x", "127.0.0.1:2891:3891"),
                bad("server id in server.-4 must not be negative: -4", "server.-4", "127.0.0.1:2891:3891"),
                bad("server.3: Unrecognised peertype: witness", "server.3", "127.0.0.1:2890:3890:witness"),
                bad("Missing election port for server: 2", "server.2", "127.0.0.1:2889"),
                bad("Missing election port for server: 2", "electionAlg", "fast", "server.2", "127.0.0.1:2889"),
                bad("Missing election port for server: 2", "electionAlg", "1", "server.2", "127.0.0.1:2889"),
                bad("Missing election port for server: 2", "electionAlg", "auth-fast-challenge", "server.2", "127.0.0.1:2889"),
                bad("Server 2 is in multiple groups (group.1 and group.2)", "group.1", "1:2", "group.2", "2:3"),
                bad("group.01 repeats group id 1", "group.1", "1:2", "group.01", "3"),
                bad("Server 3 is not in a group", "group.1", "1:2"),
                bad("group.1 lists no servers", "group.1", "", "group.2", "1:2:3"),
                bad("group.1 names server 7, which has no server.7 line", "group.1", "1:2:3:7"),
                bad("group.2 names server 4, which is an observer", "server.4", OBSERVER_4, "group.1", "1:2:3",
                        "group.2", "4"),
                bad("server id in group.1 is not a number: 'two'", "group.1", "1:two:3"),
                bad("group id in group.a is not a number: 'a'", "group.a", "1:2:3"),
                bad("weight.1 is set but there are no group.* keys", "weight.1", "2"),
                bad("weight.7 names server 7, which has no server.7 line", "group.1", "1:2:3", "weight.7", "1"),
                bad("weight.4 names server 4, which is an observer", "server.4", OBSERVER_4, "group.1", "1:2:3",
                        "weight.4", "1"),
                bad("weight.2 must not be negative: -1", "group.1", "1:2:3", "weight.2", "-1"),
                bad("weight.2 is not a number: 'heavy'", "group.1", "1:2:3", "weight.2", "heavy"),
                bad("weight.01 repeats the weight of server 1", "group.1", "1:2:3", "weight.1", "1", "weight.01", "2"),
                bad("every weight.* is 0, so no quorum could ever be formed", "group.1", "1:2:3", "weight.1", "0",
                        "weight.2", "0", "weight.3", "0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void rejectsWithAMessageNamingTheProblem(String message, Changes changes) {
        Map<String, String> entries = threeServersWith(dataDir, changes.keysAndValues());

        assertThatThrownBy(() -> QuorumPeerConfig.parse(entries, dataDir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsAMissingMyidFileNamingIt() {
        dataDir.resolve("myid").toFile().delete();

        assertThatThrownBy(this::parseValid)
                .isInstanceOf(ConfigException.class)
                .hasMessage(dataDir.resolve("myid") + " file is missing");
    }

    @Test
    void rejectsAMyidThatIsNotANumber() {
        writeMyId(dataDir, "one\n");

        assertThatThrownBy(this::parseValid)
                .isInstanceOf(ConfigException.class)
                .hasMessage("serverid in " + dataDir.resolve("myid") + " is not a number: 'one'");
    }

    @Test
    void rejectsANegativeMyid() {
        writeMyId(dataDir, "-1");

        assertThatThrownBy(this::parseValid)
                .isInstanceOf(ConfigException.class)
                .hasMessage("serverid in " + dataDir.resolve("myid") + " must not be negative: -1");
    }

    @Test
    void rejectsAnEmptyMyid() {
        writeMyId(dataDir, "\n");

        assertThatThrownBy(this::parseValid)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dataDir.resolve("myid") + " is empty");
    }

    @Test
    void rejectsAMyidNotAmongTheServers() {
        writeMyId(dataDir, "9");

        assertThatThrownBy(this::parseValid)
                .isInstanceOf(ConfigException.class)
                .hasMessage("My id 9 not in the peer list (the server.N lines name [1, 2, 3])");
    }

    @Test
    void rejectsADuplicateServerLineInTheFile(@TempDir Path confDir) {
        Path zooCfg = Ensembles.write(confDir.resolve("zoo.cfg"), String.join("\n",
                "tickTime=2000", "initLimit=10", "syncLimit=5", "dataDir=" + dataDir,
                "server.1=127.0.0.1:2888:3888", "server.2=127.0.0.1:2889:3889", "server.1=127.0.0.1:2890:3890"));

        assertThatThrownBy(() -> QuorumPeerConfig.parse(zooCfg))
                .isInstanceOf(ConfigException.class)
                .hasMessage(zooCfg + " line 7: duplicate key server.1 (already set on line 5)");
    }

    @Test
    void rejectsALineWithoutSeparatorInTheFile(@TempDir Path confDir) {
        Path zooCfg = Ensembles.write(confDir.resolve("zoo.cfg"), "tickTime=2000\n\n# comment\nsyncLimit 5\n");

        assertThatThrownBy(() -> QuorumPeerConfig.parse(zooCfg))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(zooCfg + " line 4: expected key=value");
    }

    @Test
    void rejectsAZooCfgThatDoesNotExist(@TempDir Path confDir) {
        Path zooCfg = confDir.resolve("zoo.cfg");

        assertThatThrownBy(() -> QuorumPeerConfig.parse(zooCfg))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + zooCfg + " does not exist");
    }

    private QuorumPeerConfig parseValid() throws ConfigException {
        return QuorumPeerConfig.parse(threeServersWith(dataDir), dataDir);
    }

    private static Arguments bad(String message, String... keysAndValues) {
        // Only the changes are static: the entries need the per-test temporary dataDir.
        return Arguments.of(message, new Changes(keysAndValues));
    }

    /** Keys and new values (null removes the key) applied to the valid ensemble. */
    record Changes(String... keysAndValues) {
        @Override
        public String toString() {
            return String.join(" ", keysAndValues);
        }
    }
}
