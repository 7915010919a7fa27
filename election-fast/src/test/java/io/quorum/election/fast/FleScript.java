package io.quorum.election.fast;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Destination;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Source;
import io.quorum.api.view.HierarchicalVerifier;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.core.EffectBuffer;
import io.quorum.transport.sim.CoreHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary of the FLE scenario tests: views, hand-built notifications as mock peers send
 * them (ZooKeeper's tests use a raw QuorumCnxManager for this), a harness around one core, and
 * decoding of what the core sends.
 */
final class FleScript {
    static final long MS = 1_000_000L;
    static final long FINALIZE_WAIT = 200 * MS;
    static final long LINK_DOWN_GRACE = 100 * MS;
    static final ConfigData CONFIG = ConfigData.ofText("version=0");

    private FleScript() {
    }

    static QuorumServer participant(long id) {
        return QuorumServer.participant(id, new PeerAddress("127.0.0.1", 13_000 + (int) id),
                new PeerAddress("127.0.0.1", 14_000 + (int) id));
    }

    static QuorumServer observer(long id) {
        return QuorumServer.observer(id, new PeerAddress("127.0.0.1", 13_000 + (int) id),
                new PeerAddress("127.0.0.1", 14_000 + (int) id));
    }

    /** A majority view of participants with the given ids. */
    static QuorumView voters(long... ids) {
        return QuorumView.majority(Arrays.stream(ids).mapToObj(FleScript::participant).toList());
    }

    /** A majority view of the given participants plus observers. */
    static QuorumView votersAndObservers(long[] voterIds, long... observerIds) {
        List<QuorumServer> servers = new ArrayList<>(Arrays.stream(voterIds).mapToObj(FleScript::participant).toList());
        Arrays.stream(observerIds).mapToObj(FleScript::observer).forEach(servers::add);
        return QuorumView.majority(servers);
    }

    /** Hierarchical view of ids 1..9 in groups {1,2,3}, {4,5,6}, {7,8,9}; ids 4..9 weigh 0 (FLEZeroWeightTest). */
    static QuorumView zeroWeightView() {
        Map<Long, List<Long>> groups = Map.of(1L, List.of(1L, 2L, 3L), 2L, List.of(4L, 5L, 6L), 3L, List.of(7L, 8L, 9L));
        Map<Long, Long> weights = Map.of(4L, 0L, 5L, 0L, 6L, 0L, 7L, 0L, 8L, 0L, 9L, 0L);
        List<QuorumServer> servers = java.util.stream.LongStream.rangeClosed(1, 9).mapToObj(FleScript::participant).toList();
        return new QuorumView(servers, new HierarchicalVerifier(groups, weights));
    }

    /** A harness around a FastLeaderElection core with a 200 ms finalize wait and notification interval. */
    static CoreHarness harness(long myId, QuorumView view, Vote initial, boolean fastTermination) {
        return CoreHarness.builder(new FastLeaderElectionProvider()).myId(myId).view(view).initialVote(initial)
                .property(FastElectionSettings.FINALIZE_WAIT, "200")
                .property(FastElectionSettings.MIN_INTERVAL, "200")
                .property(FastElectionSettings.MAX_INTERVAL, "1000")
                .property(FastElectionSettings.FAST_TERMINATION, Boolean.toString(fastTermination))
                .property(FastElectionSettings.LINK_DOWN_GRACE, "100")
                .build();
    }

    static FastLeaderElection fle(CoreHarness harness) {
        return (FastLeaderElection) harness.core();
    }

    /** A 3.9.5-style (version 2) notification. */
    static byte[] note(ServerState state, long leader, long zxid, long round, long peerEpoch) {
        return NotificationCodec.encode(Notification.withConfig(state, leader, zxid, round, peerEpoch, CONFIG));
    }

    static byte[] looking(long leader, long zxid, long round, long peerEpoch) {
        return note(ServerState.LOOKING, leader, zxid, round, peerEpoch);
    }

    static byte[] following(long leader, long zxid, long round, long peerEpoch) {
        return note(ServerState.FOLLOWING, leader, zxid, round, peerEpoch);
    }

    static byte[] leading(long leader, long zxid, long round, long peerEpoch) {
        return note(ServerState.LEADING, leader, zxid, round, peerEpoch);
    }

    static Notification decode(byte[] payload) {
        return NotificationCodec.decode(payload).toOptional()
                .orElseThrow(() -> new AssertionError("the core sent an undecodable notification"));
    }

    /** The notifications a step sent to {@code sid} through the election stream. */
    static List<Notification> sentTo(CoreHarness.Step step, long sid) {
        return step.sends().stream().filter(s -> s.to().equals(Destination.peer(sid, Endpoint.ELECTION_TCP)))
                .map(s -> decode(s.payload())).toList();
    }

    /** The replies a step sent back to {@code sid}. */
    static List<Notification> repliesTo(CoreHarness.Step step, long sid) {
        Destination back = Destination.replyTo(Source.peer(sid, Endpoint.ELECTION_TCP));
        return step.sends().stream().filter(s -> s.to().equals(back)).map(s -> decode(s.payload())).toList();
    }

    /** Every notification a step sent, wherever to. */
    static List<Notification> allSent(CoreHarness.Step step) {
        return step.sends().stream().map(EffectBuffer.Send::payload).map(FleScript::decode).toList();
    }
}
