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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our srvr read with the rules of the interop harness's client (distribution's {@code
 * interop.FourLetterWords}), copied here so that quorum-peer does not depend on distribution: a
 * LOOKING peer is recognised by the not-serving sentence, the others by one {@code Mode:} line and
 * one {@code Zxid: 0x} line, each matched as a whole line.
 */
class SrvrParsingTest {
    private static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests";
    private static final Pattern MODE = Pattern.compile("^Mode: (\\w+)$", Pattern.MULTILINE);
    private static final Pattern ZXID = Pattern.compile("^Zxid: 0x([0-9a-fA-F]+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = ServerState.class, names = {"FOLLOWING", "LEADING", "OBSERVING"})
    void theHarnessReadsModeAndZxidOfEveryServingState(ServerState state) {
        QuorumPeerConfig config = config(dir, 1);
        String srvr = new FourLetterWords(config, BUILD).answer("srvr", serving(config, state), STATS).orElseThrow();

        assertThat(srvr).doesNotContain(NOT_SERVING);
        Matcher mode = MODE.matcher(srvr);
        assertThat(mode.find()).isTrue();
        assertThat(mode.group(1)).isEqualTo(ZooKeeperWords.mode(state));
        assertThat(mode.find()).as("exactly one Mode: line").isFalse();
        Matcher zxid = ZXID.matcher(srvr);
        assertThat(zxid.find()).isTrue();
        assertThat(Long.parseUnsignedLong(zxid.group(1), 16)).isEqualTo(0x2_0000_0000L);
        assertThat(zxid.find()).as("exactly one Zxid: line").isFalse();
    }

    @Test
    void theHarnessSeesALookingPeerAsNotServing() {
        QuorumPeerConfig config = config(dir, 1);
        String srvr = new FourLetterWords(config, BUILD).answer("srvr", looking(config), STATS).orElseThrow();
        assertThat(srvr).contains(NOT_SERVING);
        assertThat(MODE.matcher(srvr).find()).isFalse();
    }
}
