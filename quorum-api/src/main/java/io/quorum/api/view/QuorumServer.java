package io.quorum.api.view;

import io.quorum.api.LearnerType;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code server.N} line of the ensemble.
 *
 * @param id the server id (its {@code myid})
 * @param quorumAddress where the leader listens for learners (and alg 0's UDP election port)
 * @param electionAddress the election port; empty only for alg 0 configs, which need none
 * @param clientAddress the client port from the line's {@code ;client} part, if it had one
 * @param type participant or observer
 */
public record QuorumServer(
        long id,
        PeerAddress quorumAddress,
        Optional<PeerAddress> electionAddress,
        Optional<PeerAddress> clientAddress,
        LearnerType type) {

    public QuorumServer {
        Objects.requireNonNull(quorumAddress, "quorumAddress is null");
        Objects.requireNonNull(electionAddress, "electionAddress is null");
        Objects.requireNonNull(clientAddress, "clientAddress is null");
        Objects.requireNonNull(type, "type is null");
    }

    /** A participant with a quorum and an election port and no client part. */
    public static QuorumServer participant(long id, PeerAddress quorum, PeerAddress election) {
        return new QuorumServer(id, quorum, Optional.of(election), Optional.empty(), LearnerType.PARTICIPANT);
    }

    /** An observer with a quorum and an election port and no client part. */
    public static QuorumServer observer(long id, PeerAddress quorum, PeerAddress election) {
        return new QuorumServer(id, quorum, Optional.of(election), Optional.empty(), LearnerType.OBSERVER);
    }

    public boolean isParticipant() {
        return type == LearnerType.PARTICIPANT;
    }
}
