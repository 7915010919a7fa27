package io.quorum.transport.sim;

import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import java.util.Map;
import java.util.Set;

/**
 * The simulator's reference algorithm, for tests only: each peer asks every voter for its
 * (peerEpoch, zxid), retransmitting until answered, and decides the greatest (peerEpoch, zxid,
 * sid) among the voters that may lead once every voter answered, or once a quorum answered and
 * finalizeWait passed. A {@link Flaw} makes a deliberately broken variant.
 */
final class BullyElection implements ElectionProvider {

    /** Deliberate bugs the simulator must catch. */
    enum Flaw {
        NONE,
        /** Elects the smallest id instead of the greatest history. */
        SMALLEST_ID,
        /** Decides as soon as one other peer answered, without a quorum. */
        NO_QUORUM
    }

    private final Flaw flaw;

    BullyElection(Flaw flaw) {
        this.flaw = flaw;
    }

    BullyElection() {
        this(Flaw.NONE);
    }

    /** Per-seed knobs: the endpoint, finalizeWait and the retransmission interval. */
    static KnobSpace knobs() {
        return random -> Map.of(
                "endpoint", random.nextBoolean() ? Endpoint.ELECTION_TCP.name() : Endpoint.ELECTION_UDP.name(),
                "finalizeWaitMs", Long.toString(random.nextLong(30, 201)),
                "retransmitMs", Long.toString(random.nextLong(10, 101)));
    }

    @Override
    public String name() {
        return flaw == Flaw.NONE ? "bully" : "bully-" + flaw.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public Set<Endpoint> endpoints() {
        return Set.of(Endpoint.ELECTION_TCP, Endpoint.ELECTION_UDP);
    }

    @Override
    public ElectionCore newCore(ElectionContext context) {
        return new BullyCore(context, flaw);
    }
}
