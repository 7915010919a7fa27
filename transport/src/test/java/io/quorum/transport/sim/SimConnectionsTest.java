package io.quorum.transport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.Vote;
import io.quorum.api.election.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Session connections of the simulated network, driven by hand: what a peer layer hears when it
 * opens one, writes, closes, and when a partition, a clog or a crash comes in between.
 */
class SimConnectionsTest {
    private static final long MS = 1_000_000L;

    private final SimClock clock = new SimClock();
    private final EventQueue queue = new EventQueue();
    private final boolean[] up = {true, true, true};
    private final int[] incarnation = {1, 1, 1};
    private final boolean[] listening = {true, false, false};
    private final List<String> heard = new ArrayList<>();
    private final SimNetwork network = new SimNetwork(3, clock, queue, new Trace(false, 0), new SplittableRandom(1),
            new Peers(), new Recorder(), false, links());

    private static LinkModel[][] links() {
        LinkModel[][] models = new LinkModel[3][3];
        for (LinkModel[] row : models) {
            java.util.Arrays.fill(row, new LinkModel(MS, MS, 0, 0, 0, 0));
        }
        return models;
    }

    private void runAll() {
        while (!queue.isEmpty()) {
            EventQueue.Event next = queue.poll();
            clock.advanceTo(next.timeNanos());
            next.action().run();
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bytesArriveInOrderAfterTheHandshakeAndTheCloseAfterTheBytes() {
        long id = network.connect(1, 0);
        runAll();
        network.write(1, id, text("a"));
        network.write(1, id, text("b"));
        network.write(1, id, text("c"));
        network.close(1, id);
        network.write(0, id, text("reply"));
        runAll();

        // n2 closed its end before the reply reached it: a closed end hears nothing more.
        assertThat(heard).containsExactly("n1 accepted q#1 from n2", "n2 connected q#1", "n1 received q#1 a",
                "n1 received q#1 b", "n1 received q#1 c", "n1 disconnected q#1");
    }

    @Test
    void aPeerThatDoesNotListenOrIsDownRefuses() {
        long notListening = network.connect(1, 2);
        up[0] = false;
        long down = network.connect(1, 0);
        runAll();

        assertThat(heard).containsExactly("n2 disconnected q#" + notListening, "n2 disconnected q#" + down);
    }

    @Test
    void aPartitionBreaksTheConnectionForBothEndsAndLosesWhatWasInFlight() {
        long id = network.connect(1, 0);
        runAll();
        network.write(1, id, text("lost"));
        network.block(0, 1, true);
        network.write(1, id, text("after"));
        runAll();

        assertThat(heard).containsExactly("n1 accepted q#1 from n2", "n2 connected q#1", "n2 disconnected q#1",
                "n1 disconnected q#1");
        assertThat(network.counters().dropped()).isEqualTo(1);
    }

    @Test
    void aClogHoldsTheBytesInOrderUntilItLifts() {
        long id = network.connect(1, 0);
        runAll();
        network.clog(1, 0, true);
        network.write(1, id, text("x"));
        network.write(1, id, text("y"));
        runAll();
        assertThat(heard).containsExactly("n1 accepted q#1 from n2", "n2 connected q#1");

        network.clog(1, 0, false);
        runAll();
        assertThat(heard).endsWith("n1 received q#1 x", "n1 received q#1 y");
    }

    @Test
    void aCrashBreaksTheConnectionAndOnlyTheSurvivorHears() {
        long id = network.connect(1, 0);
        runAll();
        up[1] = false;
        network.peerChanged(1);
        runAll();
        up[1] = true;
        incarnation[1]++;
        network.peerChanged(1);
        network.write(1, id, text("from a past life"));
        runAll();

        assertThat(heard).containsExactly("n1 accepted q#1 from n2", "n2 connected q#1", "n1 disconnected q#1");
    }

    private final class Peers implements SimNetwork.Peers {
        @Override
        public boolean isUp(int index) {
            return up[index];
        }

        @Override
        public int incarnation(int index) {
            return incarnation[index];
        }

        @Override
        public void deliver(int to, Source from, byte[] payload) {
        }

        @Override
        public void linkChanged(int index, long otherSid, boolean linkUp) {
        }

        @Override
        public void refused(int index, long otherSid) {
        }
    }

    /** A peer layer that only records what its connections tell it. */
    private final class Recorder implements PeerLayer {
        @Override
        public void attach(SimHost host) {
        }

        @Override
        public Vote initialVote(int index) {
            return Vote.initial(index + 1, 0, 0);
        }

        @Override
        public void loseSession(int index) {
        }

        @Override
        public Optional<String> converged(SimState state) {
            return Optional.empty();
        }

        @Override
        public String livenessGoal() {
            return "";
        }

        @Override
        public String describePeers(SimState state) {
            return "";
        }

        @Override
        public boolean accepts(int index) {
            return listening[index];
        }

        @Override
        public void accepted(int index, long connId, int fromIndex) {
            heard.add("n" + (index + 1) + " accepted q#" + connId + " from n" + (fromIndex + 1));
        }

        @Override
        public void connected(int index, long connId) {
            heard.add("n" + (index + 1) + " connected q#" + connId);
        }

        @Override
        public void received(int index, long connId, byte[] bytes) {
            heard.add("n" + (index + 1) + " received q#" + connId + " " + new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void disconnected(int index, long connId) {
            heard.add("n" + (index + 1) + " disconnected q#" + connId);
        }
    }
}
