package io.quorum.dist.interop;

import io.quorum.dist.harness.Ensemble;
import io.quorum.dist.harness.PeerAddress;
import io.quorum.dist.harness.PeerProcess;
import io.quorum.dist.harness.QuorumRuntime;
import io.quorum.dist.harness.ZooKeeperVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.dist.cli.QuorumCommand;
import io.quorum.dist.harness.FourLetterWords.Mode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code quorum status} against a live three-peer ensemble, of real ZooKeeper 3.9.5 peers (whose
 * srvr has our layout minus our extra lines) and of our own peer processes: elected, after the
 * leader is killed, and after a second kill leaves one peer that cannot elect.
 */
class StatusCommandIT {
    /** A cold JVM per peer on a loaded two-core machine. */
    private static final Duration ELECTION_BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void statusFollowsAZooKeeperEnsembleThroughTwoLeaderKills() throws IOException {
        try (Ensemble ensemble = Ensemble.start(ZooKeeperVersion.V3_9_5, 3, dir)) {
            PeerProcess leader = ensemble.awaitStableLeader(ELECTION_BOUND);

            Result elected = status(addresses(ensemble));
            assertThat(elected.code).as(elected.err).isZero();
            assertThat(elected.lines).hasSize(4);
            for (PeerProcess peer : ensemble.peers()) {
                // ZooKeeper says neither its id nor leader, epoch or algorithm: '-'.
                assertThat(elected.lineOf(peer.address())).matches("- +" + address(peer) + " +" + mode(peer, leader)
                        + " +0x[0-9a-f]+ +- +- +-");
            }
            followThroughTwoLeaderKills(ensemble, leader);
        }
    }

    @Test
    void statusFollowsAnEnsembleOfOurPeersThroughTwoLeaderKills() throws IOException {
        try (Ensemble ensemble = Ensemble.start(QuorumRuntime.INSTANCE, 3, dir)) {
            PeerProcess leader = ensemble.awaitStableLeader(ELECTION_BOUND);

            Result elected = status(addresses(ensemble));
            assertThat(elected.code).as(elected.err).isZero();
            assertThat(elected.lines).hasSize(4);
            for (PeerProcess peer : ensemble.peers()) {
                // Ours adds its id, its leader, its epoch and its algorithm.
                assertThat(elected.lineOf(peer.address())).matches(peer.sid() + " +" + address(peer) + " +"
                        + mode(peer, leader) + " +0x[0-9a-f]+ +" + leader.sid() + " +[0-9]+ +fast \\(3\\)");
            }
            followThroughTwoLeaderKills(ensemble, leader);
        }
    }

    private void followThroughTwoLeaderKills(Ensemble ensemble, PeerProcess leader) throws IOException {
        Result byConfig = status("--config", statusConfig(ensemble).toString());
        assertThat(byConfig.code).as(byConfig.err).isZero();
        assertThat(byConfig.lines).hasSize(4);
        for (PeerProcess peer : ensemble.peers()) {
            // The configuration knows every sid.
            assertThat(byConfig.lineOf(peer.address())).matches(peer.sid() + " +" + address(peer) + " +"
                    + mode(peer, leader) + " .*");
        }

        leader.kill9();
        PeerProcess newLeader = ensemble.awaitStableLeader(ELECTION_BOUND);
        Result failedOver = status(addresses(ensemble));
        assertThat(failedOver.code).as(failedOver.err).isZero();
        assertThat(failedOver.lineOf(leader.address())).contains(" unreachable ");
        assertThat(failedOver.lineOf(newLeader.address())).contains(" leader ");

        newLeader.kill9();
        PeerProcess survivor = ensemble.alive().get(0);
        await().atMost(ELECTION_BOUND).until(() -> survivor.status().mode() == Mode.NOT_SERVING);
        Result leaderless = status(addresses(ensemble));
        assertThat(leaderless.code).isEqualTo(1);
        assertThat(leaderless.lineOf(survivor.address())).contains(" not-serving ");
        assertThat(leaderless.lineOf(leader.address())).contains(" unreachable ");
        assertThat(leaderless.lineOf(newLeader.address())).contains(" unreachable ");
        assertThat(leaderless.err).contains("quorum status: no peer reports Mode: leader");
    }

    private record Result(int code, List<String> lines, String err) {
        /** The line of the peer at {@code peer}'s client port, below the header. */
        String lineOf(PeerAddress peer) {
            String address = PeerAddress.HOST + ":" + peer.clientPort();
            return lines.stream().skip(1).filter(line -> line.split(" +")[1].equals(address)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + address + " in " + lines));
        }
    }

    private static Result status(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = QuorumCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("status"));
        all.addAll(List.of(args));
        int code = command.execute(all.toArray(String[]::new));
        return new Result(code, out.toString().lines().toList(), err.toString());
    }

    private static String[] addresses(Ensemble ensemble) {
        return ensemble.peers().stream().map(peer -> PeerAddress.HOST + ":" + peer.address().clientPort())
                .toArray(String[]::new);
    }

    private static String address(PeerProcess peer) {
        return "127\\.0\\.0\\.1:" + peer.address().clientPort();
    }

    private static String mode(PeerProcess peer, PeerProcess leader) {
        return peer == leader ? "leader" : "follower";
    }

    /**
     * A zoo.cfg naming the ensemble with each peer's client port on its server line, as an
     * operator's copy would; status reads it the way start does, so it needs a myid.
     */
    private Path statusConfig(Ensemble ensemble) throws IOException {
        Path data = Files.createDirectories(dir.resolve("status-data"));
        Files.writeString(data.resolve("myid"), "1");
        List<String> lines = new ArrayList<>(List.of("tickTime=200", "initLimit=20", "syncLimit=10",
                "dataDir=" + data));
        for (PeerProcess peer : ensemble.peers()) {
            lines.add(peer.address().serverLine() + ";" + PeerAddress.HOST + ":" + peer.address().clientPort());
        }
        return Files.write(dir.resolve("status-zoo.cfg"), lines);
    }
}
