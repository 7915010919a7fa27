package io.quorum.election.fast;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import io.quorum.api.election.Decision;
import io.quorum.api.election.Election;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.runtime.ElectionRuntime;
import io.quorum.transport.runtime.PeerElectionContext;
import io.quorum.transport.tcp.ConnectionManagerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FastLeaderElection over real loopback sockets, driven by the threaded runtime. */
class FastLeaderElectionSocketTest {
    private final List<Election> elections = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopEverything() throws InterruptedException {
        elections.forEach(Election::shutdown);
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest(name = "{0} peers")
    @ValueSource(ints = {3, 5, 7})
    void electsTheGreatestHistory(int peers) throws Exception {
        QuorumView view = LoopbackViews.participants(peers);
        // Histories chosen so that no simple rule but (epoch, zxid, sid) picks the winner:
        // the highest sid has the oldest epoch, the middle one the newest epoch and a short log.
        long winner = peers / 2 + 1;
        for (long sid = 1; sid <= peers; sid++) {
            long epoch = sid == winner ? 5 : sid == peers ? 1 : 4;
            start(view, sid, Vote.initial(sid, Zxid.of(epoch, sid == winner ? 1 : 100), epoch));
        }

        List<Decision> decisions = lookForLeaderEverywhere();

        assertThat(decisions).extracting(Decision::leader).containsOnly(winner);
        assertThat(decisions).extracting(Decision::role).containsOnlyOnce(ServerState.LEADING);
    }

    @Test
    void survivorsElectANewLeaderAfterTheLeaderStops() throws Exception {
        QuorumView view = LoopbackViews.participants(3);
        for (long sid = 1; sid <= 3; sid++) {
            start(view, sid, Vote.initial(sid, Zxid.of(1, 5), 1));
        }
        assertThat(lookForLeaderEverywhere()).extracting(Decision::leader).containsOnly(3L);

        elections.remove(2).shutdown();
        List<Decision> again = lookForLeaderEverywhere();

        assertThat(again).extracting(Decision::leader).containsOnly(2L);
        assertThat(again).extracting(d -> d.vote().electionEpoch()).containsOnly(2L);
    }

    private void start(QuorumView view, long sid, Vote history) {
        PeerElectionContext context = new PeerElectionContext(sid, view, () -> history, Map.of());
        elections.add(ElectionRuntime.startTcp(new FastLeaderElectionProvider(), context,
                ConnectionManagerConfig.defaults(sid, view)));
    }

    private List<Decision> lookForLeaderEverywhere() throws Exception {
        List<Future<Decision>> pending = new ArrayList<>();
        for (Election election : elections) {
            pending.add(callers.submit(election::lookForLeader));
        }
        List<Decision> decisions = new ArrayList<>();
        for (Future<Decision> future : pending) {
            decisions.add(future.get(30, TimeUnit.SECONDS));
        }
        return decisions;
    }
}
