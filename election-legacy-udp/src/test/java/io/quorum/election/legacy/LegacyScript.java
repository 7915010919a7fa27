package io.quorum.election.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.Vote;
import io.quorum.api.election.Destination;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Source;
import io.quorum.api.view.QuorumView;
import io.quorum.transport.core.EffectBuffer;
import io.quorum.transport.sim.CoreHarness;
import java.util.List;
import java.util.Map;

/**
 * One alg 0 core scripted by hand: requests and answers as the peers would send them, each
 * returning the core's effects. Requests arrive on the quorum port from an unknown ephemeral
 * address; answers arrive on the requester's socket from the responder's quorum port.
 */
final class LegacyScript {
    static final long MS = 1_000_000L;

    final CoreHarness harness;
    final long myId;

    LegacyScript(QuorumView view, long myId, long zxid) {
        this(view, myId, zxid, Map.of());
    }

    LegacyScript(QuorumView view, long myId, long zxid, Map<String, String> properties) {
        this.myId = myId;
        this.harness = CoreHarness.builder(new LeaderElectionProvider()).view(view).myId(myId)
                .initialVote(Vote.initial(myId, zxid, 1)).properties(properties).seed(myId).build();
    }

    LeaderElection core() {
        return (LeaderElection) harness.core();
    }

    /** A request from a requester outside the view (its ephemeral port), as the runtime tags it. */
    static Source requester(String route) {
        return new Source(Source.UNKNOWN_SID, Endpoint.QUORUM_UDP, route);
    }

    /** An answer's source: responder {@code sid}'s quorum port, on our requester's socket. */
    static Source responder(long sid) {
        return new Source(sid, Endpoint.EPHEMERAL_UDP, "quorum-port-of-" + sid);
    }

    CoreHarness.Step start() {
        return harness.start();
    }

    /** Sends a request with {@code xid} to the core's responder. */
    CoreHarness.Step ask(int xid) {
        return harness.deliver(requester("ephemeral"), LegacyCodec.encodeRequest(new LegacyRequest(xid)));
    }

    /** The answer the core's responder gives to a request with {@code xid}. */
    LegacyResponse answerTo(int xid) {
        CoreHarness.Step step = ask(xid);
        assertThat(step.sends()).hasSize(1);
        assertThat(step.sends().get(0).to()).isInstanceOf(Destination.Reply.class);
        byte[] bytes = step.sends().get(0).payload();
        assertThat(bytes).hasSize(LegacyCodec.RESPONSE_LENGTH);
        return LegacyCodec.decodeResponse(bytes).toOptional().orElseThrow();
    }

    /** Responder {@code sid} answers the core's current xid with a vote for {@code leader}. */
    CoreHarness.Step answer(long sid, long leader, long zxid) {
        return answer(sid, xid(), leader, zxid);
    }

    CoreHarness.Step answer(long sid, int xid, long leader, long zxid) {
        return harness.deliver(responder(sid), LegacyCodec.encodeResponse(new LegacyResponse(xid, sid, leader, zxid)));
    }

    /** The xid of the call in progress, read from the last request the core sent. */
    int xid() {
        return lastRequestXid;
    }

    private int lastRequestXid;

    /** The server a step's only request went to; remembers its xid. */
    long requestedFrom(CoreHarness.Step step) {
        List<EffectBuffer.Send> sends = step.sends();
        assertThat(sends).as("requests in " + step.effects()).hasSize(1);
        EffectBuffer.Send send = sends.get(0);
        assertThat(send.to()).isInstanceOf(Destination.ToPeer.class);
        Destination.ToPeer to = (Destination.ToPeer) send.to();
        assertThat(to.endpoint()).isEqualTo(Endpoint.QUORUM_UDP);
        lastRequestXid = LegacyCodec.decodeRequest(send.payload()).toOptional().orElseThrow().xid();
        return to.sid();
    }

    /**
     * Runs one full round in which every voter in {@code answers} (by sid, in id order) answers
     * with its vote at once, and the others never answer.
     */
    CoreHarness.Step round(CoreHarness.Step first, Map<Long, Ballot> answers, int voters) {
        CoreHarness.Step step = first;
        for (long sid = 1; sid <= voters; sid++) {
            assertThat(requestedFrom(step)).isEqualTo(sid);
            Ballot vote = answers.get(sid);
            step = vote != null ? answer(sid, vote.leader(), vote.zxid()) : harness.advance(200 * MS);
        }
        return step;
    }
}
