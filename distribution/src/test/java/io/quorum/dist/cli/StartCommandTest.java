package io.quorum.dist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.transport.testing.TestCertificates;
import io.quorum.transport.tls.ThrowawayPki;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code quorum start} with configurations it must refuse: exit code 2 and a message naming the
 * problem, before any peer starts. (A good configuration starts a peer, which the system tests
 * cover with real processes.)
 */
class StartCommandTest {
    private final CommandRun cli = new CommandRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void dataDirWithMyId() throws IOException {
        data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("myid"), "1\n");
    }

    private int run(String... args) {
        return cli.run(args);
    }

    /**
     * A valid three-server zoo.cfg for peer 1 with the changes applied: {@code key=value} replaces
     * (and moves to the end) or adds a key, {@code key=} removes it, other text is appended as is.
     */
    private Path zooCfg(String... changes) throws IOException {
        List<String> lines = new ArrayList<>(List.of("tickTime=2000", "initLimit=10", "syncLimit=5",
                "dataDir=" + data, "clientPort=21801", "electionAlg=3",
                "server.1=127.0.0.1:21901:22001", "server.2=127.0.0.1:21902:22002", "server.3=127.0.0.1:21903:22003"));
        for (String change : changes) {
            if (change.indexOf('=') < 0) {
                lines.add(change);
                continue;
            }
            String key = change.substring(0, change.indexOf('=') + 1);
            boolean replaced = lines.removeIf(line -> line.startsWith(key));
            if (!change.equals(key) || !replaced) {
                lines.add(change);
            }
        }
        return Files.write(dir.resolve("zoo.cfg"), lines);
    }

    @Test
    void aMissingFileIsExitTwoNamingIt() {
        Path missing = dir.resolve("nope.cfg");

        assertThat(run("start", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("quorum start: config file " + missing + " does not exist"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aDirectoryIsExitTwo() {
        assertThat(run("start", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("quorum start: config file " + dir + " cannot be read");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tickTime=abc                       | tickTime is not a number: 'abc'",
        "initLimit=0                        | initLimit must be a positive number, not 0",
        "clientPort=70000                   | clientPort 70000 is out of range 1-65535",
        "electionAlg=7                      | electionAlg 7 is out of range",
        "server.2=127.0.0.1:21902           | Missing election port for server: 2",
        "server.3=127.0.0.1:21901:22003     | server.3 quorum address 127.0.0.1:21901 is already the server.1 quorum address",
        "server.1=host_name!:21901:22001    | server.1: 'host_name!' is not a valid host name or IP address",
        "syncLimit=                         | syncLimit is not set (it is required when there is more than one server)",
    })
    void aBadValueIsExitTwoNamingTheKey(String change, String message) throws IOException {
        Path zooCfg = zooCfg(change);

        assertThat(run("start", zooCfg.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("quorum start: " + zooCfg + ": ").contains(message);
    }

    @Test
    void anUnusableTlsKeyStoreIsExitTwoNamingTheKeyAndFile() throws IOException {
        ThrowawayPki ca = TestCertificates.trusted();
        Path keyStore = TestCertificates.peerKeyStore();
        Path config = zooCfg("sslQuorum=true", "ssl.quorum.keyStore.location=" + keyStore,
                "ssl.quorum.keyStore.password=not-" + ca.password(), "ssl.quorum.trustStore.location=" + ca.trustStore(),
                "ssl.quorum.trustStore.password=" + ca.password());

        assertThat(run("start", config.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("quorum start: " + config + ": ssl.quorum.keyStore.password is wrong for "
                + keyStore);
    }

    @Test
    void noServerLinesIsExitTwo() throws IOException {
        Path zooCfg = zooCfg("server.1=", "server.2=", "server.3=");

        assertThat(run("start", zooCfg.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no server.N lines: a quorum peer needs at least one server");
    }

    @Test
    void aMissingMyIdIsExitTwoNamingTheFile() throws IOException {
        Files.delete(data.resolve("myid"));
        Path zooCfg = zooCfg();

        assertThat(run("start", zooCfg.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(data.resolve("myid") + " file is missing");
    }

    @Test
    void aMyIdThatNoServerLineNamesIsExitTwo() throws IOException {
        Files.writeString(data.resolve("myid"), "7\n");
        Path zooCfg = zooCfg();

        assertThat(run("start", zooCfg.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("My id 7 not in the peer list (the server.N lines name [1, 2, 3])");
    }

    @Test
    void aLineThatIsNotKeyValueIsExitTwoNamingTheLine() throws IOException {
        Path zooCfg = zooCfg("this line is not a setting");

        assertThat(run("start", zooCfg.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(zooCfg + " line 10: expected key=value but found 'this line is not a setting'");
    }

    @Test
    void theConfigFileIsARequiredParameter() {
        assertThat(run("start")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'ZOO_CFG'");

        assertThat(run("start", "a.cfg", "b.cfg")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument at index 2: 'b.cfg'");
    }

    @Test
    void helpDescribesTheCommand() {
        assertThat(run("start", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: quorum start [-hV] ZOO_CFG", "zkServer.sh start-foreground",
                "2   the configuration cannot be used");
    }
}
