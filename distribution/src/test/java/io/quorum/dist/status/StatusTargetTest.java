package io.quorum.dist.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.view.PeerAddress;
import io.quorum.peer.config.ConfigException;
import io.quorum.peer.config.QuorumPeerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusTargetTest {

    @TempDir
    Path dir;

    @Test
    void hostPortAndBracketedIpv6Parse() {
        assertThat(StatusTarget.parse("127.0.0.1:2181"))
                .isEqualTo(new StatusTarget(OptionalLong.empty(), new PeerAddress("127.0.0.1", 2181)));
        assertThat(StatusTarget.parse("zk-1.example:21801").clientAddress())
                .isEqualTo(new PeerAddress("zk-1.example", 21801));
        assertThat(StatusTarget.parse("[::1]:2181").clientAddress()).isEqualTo(new PeerAddress("::1", 2181));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:", ":2181", "::1:2181", "[::1]2181", "[::1", "host:0",
        "host:65536", "host:21x", "host:-1"})
    void malformedAddressesAreRefusedByName(String text) {
        assertThatThrownBy(() -> StatusTarget.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void withClientPortEveryServerIsAskedOnItsOwnHostAtThatPort() throws Exception {
        QuorumPeerConfig config = config(2, Map.of("clientPort", "2181",
                "server.1", "10.0.0.1:2888:3888",
                "server.2", "10.0.0.2:2888:3888",
                "server.3", "zk3.example:2888:3888"));

        assertThat(StatusTarget.fromConfig(config)).containsExactly(
                target(1, "10.0.0.1", 2181), target(2, "10.0.0.2", 2181), target(3, "zk3.example", 2181));
    }

    @Test
    void aServerLinesClientPartWinsAndAWildcardHostMeansTheServersHost() throws Exception {
        QuorumPeerConfig config = config(1, Map.of(
                "server.3", "127.0.0.1:21903:22003;0.0.0.0:21803",
                "server.1", "127.0.0.1:21901:22001;21801",
                "server.2", "127.0.0.1:21902:22002;127.0.0.2:21802"));

        // In id order, whatever the file order.
        assertThat(StatusTarget.fromConfig(config)).containsExactly(
                target(1, "127.0.0.1", 21801), target(2, "127.0.0.2", 21802), target(3, "127.0.0.1", 21803));
    }

    @Test
    void clientPortFillsInForLinesWithoutAClientPartButClientPortAddressIsOnlyThisPeers() throws Exception {
        QuorumPeerConfig config = config(1, Map.of("clientPort", "21801", "clientPortAddress", "127.0.0.5",
                "server.1", "127.0.0.1:21901:22001",
                "server.2", "127.0.0.2:21902:22002;21802",
                "server.3", "127.0.0.3:21903:22003"));

        assertThat(StatusTarget.fromConfig(config)).containsExactly(
                target(1, "127.0.0.5", 21801), target(2, "127.0.0.2", 21802), target(3, "127.0.0.3", 21801));
    }

    @Test
    void withoutClientPortTheClientPartOfThisPeersLineIsSharedToo() throws Exception {
        QuorumPeerConfig config = config(1, Map.of(
                "server.1", "127.0.0.1:21901:22001;21801",
                "server.2", "127.0.0.2:21902:22002"));

        assertThat(StatusTarget.fromConfig(config)).containsExactly(
                target(1, "127.0.0.1", 21801), target(2, "127.0.0.2", 21801));
    }

    @Test
    void aServerWithNoClientPortAnywhereIsAConfigurationError() throws Exception {
        QuorumPeerConfig config = config(1, Map.of(
                "server.1", "127.0.0.1:21901:22001",
                "server.2", "127.0.0.1:21902:22002;21802"));

        assertThatThrownBy(() -> StatusTarget.fromConfig(config))
                .isInstanceOf(ConfigException.class)
                .hasMessage("server.1 has no client port: give its line a ;clientPort part or set clientPort");
    }

    private static StatusTarget target(long sid, String host, int port) {
        return new StatusTarget(OptionalLong.of(sid), new PeerAddress(host, port));
    }

    private QuorumPeerConfig config(long myId, Map<String, String> extra) throws IOException, ConfigException {
        Files.writeString(dir.resolve("myid"), Long.toString(myId));
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("tickTime", "2000");
        entries.put("initLimit", "10");
        entries.put("syncLimit", "5");
        entries.put("dataDir", dir.toString());
        entries.putAll(extra);
        return QuorumPeerConfig.parse(entries, dir);
    }

    @Test
    void theConfigOrderOfServersDoesNotMatter() throws Exception {
        List<StatusTarget> targets = StatusTarget.fromConfig(config(1, Map.of("clientPort", "2181",
                "server.10", "h10:1:2", "server.9", "h9:1:2", "server.1", "h1:1:2")));
        assertThat(targets).extracting(t -> t.sid().getAsLong()).containsExactly(1L, 9L, 10L);
    }
}
