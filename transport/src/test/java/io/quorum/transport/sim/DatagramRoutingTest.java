package io.quorum.transport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.election.Destination;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import io.quorum.api.election.Outbox;
import io.quorum.api.election.Source;
import io.quorum.api.election.TimerKey;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The simulator routes datagrams as the runtime does ({@link Endpoint#sentFrom}): a request to a
 * peer's quorum port leaves from the sender's ephemeral socket, so the reply arrives there.
 */
class DatagramRoutingTest {

    @Test
    void repliesToQuorumPortRequestsArriveOnTheEphemeralSocket() {
        SimulationOptions options = SimulationOptions.builder(3).voters(3).schedule(FaultSchedule.NONE)
                .hierarchicalProbability(0).expectedLeader((votes, view) -> 3).fullTrace(true).build();

        SimulationResult result = Simulation.run(new AskEveryone(), options);

        assertThat(result.violations()).isEmpty();
        assertThat(result.decisions()).hasSize(3).allSatisfy((sid, d) -> assertThat(d.leader()).isEqualTo(3));
        assertThat(result.traceText()).contains("send QUORUM_UDP from EPHEMERAL_UDP len=1");
    }

    /** Asks every voter for its id on its quorum port and decides the greatest once all answered. */
    private static final class AskEveryone implements ElectionProvider {
        @Override
        public String name() {
            return "ask-everyone";
        }

        @Override
        public Set<Endpoint> endpoints() {
            return Set.of(Endpoint.QUORUM_UDP, Endpoint.EPHEMERAL_UDP);
        }

        @Override
        public ElectionCore newCore(ElectionContext context) {
            return new ElectionCore() {
                private final Set<Long> answered = new TreeSet<>();
                private boolean open;

                @Override
                public void start(long now, Outbox out) {
                    open = true;
                    for (long voter : context.view().votingMembers()) {
                        out.send(Destination.peer(voter, Endpoint.QUORUM_UDP), new byte[] {'?'});
                    }
                }

                @Override
                public void onMessage(Source from, ByteBuffer payload, long now, Outbox out) {
                    if (from.endpoint() == Endpoint.QUORUM_UDP) {
                        out.send(Destination.replyTo(from), ByteBuffer.allocate(8).putLong(context.myId()).array());
                        return;
                    }
                    if (from.endpoint() != Endpoint.EPHEMERAL_UDP || payload.getLong() != from.sid()) {
                        throw new IllegalStateException("answer from " + from + " on the wrong socket");
                    }
                    answered.add(from.sid());
                    if (open && answered.containsAll(context.view().votingMembers())) {
                        open = false;
                        long leader = ((TreeSet<Long>) answered).last();
                        ServerState role = leader == context.myId() ? ServerState.LEADING : ServerState.FOLLOWING;
                        out.decide(Vote.initial(leader, 0, 0).withState(role), role);
                    }
                }

                @Override
                public void onTimer(TimerKey key, long now, Outbox out) {
                }
            };
        }
    }
}
