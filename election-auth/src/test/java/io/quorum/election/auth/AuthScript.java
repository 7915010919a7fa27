package io.quorum.election.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Destination;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Source;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.core.EffectBuffer;
import io.quorum.transport.sim.CoreHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One alg 1/2 core scripted by hand: datagrams from the other servers' election ports, as the
 * runtime tags them, each returning the core's effects decoded.
 */
final class AuthScript {
    static final long MS = 1_000_000L;

    /** One datagram the core sent: to a server by id (or back along a reply route) and what it said. */
    record Sent(long to, boolean reply, AuthMessage message) {
    }

    final CoreHarness harness;
    final long myId;

    AuthScript(int alg, QuorumView view, long myId, long zxid) {
        this(alg, view, myId, zxid, Map.of());
    }

    AuthScript(int alg, QuorumView view, long myId, long zxid, Map<String, String> properties) {
        this.myId = myId;
        ElectionProvider provider = alg == 1 ? new AuthFastLeaderElectionProvider() : new AuthFastChallengeProvider();
        this.harness = CoreHarness.builder(provider).view(view).myId(myId)
                .initialVote(Vote.initial(myId, zxid, 1)).properties(properties).seed(myId).build();
    }

    AuthFastLeaderElection core() {
        return (AuthFastLeaderElection) harness.core();
    }

    /** Server {@code sid}'s election port, as the runtime names a datagram's source. */
    static Source from(long sid) {
        return new Source(sid, Endpoint.ELECTION_UDP, "election-port-of-" + sid);
    }

    List<Sent> start() {
        return sent(harness.start());
    }

    List<Sent> deliver(long sid, AuthMessage message) {
        return sent(harness.deliver(from(sid), AuthCodec.encode(message)));
    }

    List<Sent> notification(long sid, long tag, long leader, long zxid, long epoch) {
        return notification(sid, tag, leader, zxid, epoch, 0);
    }

    List<Sent> notification(long sid, long tag, long leader, long zxid, long epoch, long challenge) {
        return deliver(sid, new AuthMessage.Notification(tag, ServerState.LOOKING, leader, zxid, epoch, challenge));
    }

    List<Sent> ack(long sid, long tag, ServerState state, long leader, long zxid, long epoch) {
        return deliver(sid, new AuthMessage.Ack(tag, state, leader, zxid, epoch));
    }

    List<Sent> advance(long nanos) {
        return sent(harness.advance(nanos));
    }

    List<Sent> peerState(ServerState state, long leader, long zxid) {
        return sent(harness.peerState(state, new Vote(leader, zxid, 1, 1, state, 0)));
    }

    /** Decodes the datagrams of a step; every one must be a well-formed 48-byte message on the election port. */
    static List<Sent> sent(CoreHarness.Step step) {
        List<Sent> out = new ArrayList<>();
        for (EffectBuffer.Send send : step.sends()) {
            assertThat(send.payload()).hasSize(AuthCodec.LENGTH);
            AuthMessage message = AuthCodec.decode(send.payload()).toOptional().orElseThrow();
            if (send.to() instanceof Destination.ToPeer peer) {
                assertThat(peer.endpoint()).isEqualTo(Endpoint.ELECTION_UDP);
                out.add(new Sent(peer.sid(), false, message));
            } else {
                Source source = ((Destination.Reply) send.to()).source();
                assertThat(source.endpoint()).isEqualTo(Endpoint.ELECTION_UDP);
                out.add(new Sent(source.sid(), true, message));
            }
        }
        return out;
    }

    /** The notifications among {@code sent}, by destination. */
    static List<AuthMessage.Notification> notifications(List<Sent> sent) {
        return sent.stream().filter(s -> s.message() instanceof AuthMessage.Notification)
                .map(s -> (AuthMessage.Notification) s.message()).toList();
    }

    static List<Long> destinations(List<Sent> sent, MessageType type) {
        return sent.stream().filter(s -> s.message().type() == type).map(Sent::to).toList();
    }

    /** The one message of {@code type} sent to {@code sid} in {@code sent}. */
    static AuthMessage to(List<Sent> sent, long sid, MessageType type) {
        List<AuthMessage> found = sent.stream().filter(s -> s.to() == sid && s.message().type() == type)
                .map(Sent::message).toList();
        assertThat(found).as(type + " to " + sid + " in " + sent).hasSize(1);
        return found.get(0);
    }

    /** Brings a fresh alg 1 core to a decision in round 1: every voter votes for {@code leader}. */
    void electByEveryVote(long leader, long zxid, int voters) {
        start();
        for (long sid = 1; sid <= voters; sid++) {
            notification(sid, 100 + sid, leader, zxid, 1);
        }
        if (harness.lastDecision().isEmpty()) {
            advance(AuthSettings.defaults().finalizeWaitNanos());
        }
        assertThat(harness.lastDecision()).isPresent();
    }
}
