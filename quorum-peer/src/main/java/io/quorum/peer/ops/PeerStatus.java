package io.quorum.peer.ops;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.peer.config.QuorumPeerConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a peer says about itself, published as a whole on every change so that the client port and
 * JMX never mix fields of two moments. Immutable; build the first one with {@link #starting} and
 * the next ones with the {@code with...} methods.
 *
 * @param myId this peer's id
 * @param state LOOKING while electing, else the role it took
 * @param leaderId the leader this peer follows or observes (itself when leading); empty while
 *     LOOKING
 * @param currentEpoch the {@code currentEpoch} file's value
 * @param acceptedEpoch the {@code acceptedEpoch} file's value
 * @param lastLoggedZxid the last zxid in the transaction log (or the new leader's first zxid)
 * @param electionAlgorithm the algorithm this peer elects with
 * @param lastElection how long the last finished election took; empty before the first one ends
 * @param stateChangedAtMillis when {@code state} last changed, in epoch milliseconds as read by the
 *     peer's clock (ops code never reads a clock of its own)
 * @param quorumAddress where the leader listens for learners
 * @param electionAddress the election port; empty for algorithm 0 configurations
 * @param clientAddress the configured client port address; empty if none is configured
 * @param learnerType participant or observer
 * @param connectedLearners learners connected to this peer while it leads; 0 otherwise
 * @param serverCount servers in the ensemble, observers included
 * @param established whether the role's session has synced (Zab's broadcast phase); ZooKeeper
 *     serves clients, and answers {@code srvr} with its mode, only then
 */
public record PeerStatus(
        long myId,
        ServerState state,
        OptionalLong leaderId,
        long currentEpoch,
        long acceptedEpoch,
        long lastLoggedZxid,
        ElectionAlgorithm electionAlgorithm,
        Optional<Duration> lastElection,
        long stateChangedAtMillis,
        PeerAddress quorumAddress,
        Optional<PeerAddress> electionAddress,
        Optional<PeerAddress> clientAddress,
        LearnerType learnerType,
        int connectedLearners,
        int serverCount,
        boolean established) {

    public PeerStatus {
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(leaderId, "leaderId is null");
        Objects.requireNonNull(electionAlgorithm, "electionAlgorithm is null");
        Objects.requireNonNull(lastElection, "lastElection is null");
        Objects.requireNonNull(quorumAddress, "quorumAddress is null");
        Objects.requireNonNull(electionAddress, "electionAddress is null");
        Objects.requireNonNull(clientAddress, "clientAddress is null");
        Objects.requireNonNull(learnerType, "learnerType is null");
        if (connectedLearners < 0 || (connectedLearners > 0 && state != ServerState.LEADING)) {
            throw new IllegalArgumentException("connectedLearners " + connectedLearners + " in state " + state
                    + "; only a leader has learners");
        }
        if (state != ServerState.LOOKING && leaderId.isEmpty()) {
            throw new IllegalArgumentException("state " + state + " without a leader id");
        }
        if (serverCount < 1) {
            throw new IllegalArgumentException("serverCount " + serverCount + " < 1");
        }
        if (lastElection.isPresent() && lastElection.get().isNegative()) {
            throw new IllegalArgumentException("lastElection is negative: " + lastElection.get());
        }
    }

    /**
     * The status of a peer that has just started: LOOKING, no leader, no election finished yet.
     *
     * @param config the peer's configuration (id, addresses, learner type, ensemble size)
     * @param algorithm the election algorithm the registry selected
     * @param currentEpoch the recovered {@code currentEpoch}
     * @param acceptedEpoch the recovered {@code acceptedEpoch}
     * @param lastLoggedZxid the recovered last logged zxid
     * @param nowMillis the peer clock's epoch milliseconds
     */
    public static PeerStatus starting(QuorumPeerConfig config, ElectionAlgorithm algorithm, long currentEpoch,
            long acceptedEpoch, long lastLoggedZxid, long nowMillis) {
        QuorumServer me = config.myServer();
        return new PeerStatus(config.myId(), ServerState.LOOKING, OptionalLong.empty(), currentEpoch, acceptedEpoch,
                lastLoggedZxid, algorithm, Optional.empty(), nowMillis, me.quorumAddress(), me.electionAddress(),
                config.clientAddress(), config.learnerType(), 0, config.view().servers().size(), false);
    }

    /** Back to LOOKING: no leader, no learners. */
    public PeerStatus looking(long nowMillis) {
        return new PeerStatus(myId, ServerState.LOOKING, OptionalLong.empty(), currentEpoch, acceptedEpoch,
                lastLoggedZxid, electionAlgorithm, lastElection, nowMillis, quorumAddress, electionAddress,
                clientAddress, learnerType, 0, serverCount, false);
    }

    /**
     * An election ended: the new role, its leader and how long the election took.
     *
     * @param newState FOLLOWING, LEADING or OBSERVING
     * @param leader the elected leader ({@code myId} when LEADING)
     * @param took the election's duration
     */
    public PeerStatus elected(ServerState newState, long leader, Duration took, long nowMillis) {
        if (newState == ServerState.LOOKING) {
            throw new IllegalArgumentException("an election ends in FOLLOWING, LEADING or OBSERVING, not LOOKING");
        }
        return new PeerStatus(myId, newState, OptionalLong.of(leader), currentEpoch, acceptedEpoch, lastLoggedZxid,
                electionAlgorithm, Optional.of(took), nowMillis, quorumAddress, electionAddress, clientAddress,
                learnerType, 0, serverCount, false);
    }

    /** New epoch file values, e.g. after the discovery handshake wrote them. */
    public PeerStatus withEpochs(long newCurrentEpoch, long newAcceptedEpoch) {
        return new PeerStatus(myId, state, leaderId, newCurrentEpoch, newAcceptedEpoch, lastLoggedZxid,
                electionAlgorithm, lastElection, stateChangedAtMillis, quorumAddress, electionAddress, clientAddress,
                learnerType, connectedLearners, serverCount, established);
    }

    /** A new last logged zxid. */
    public PeerStatus withLastLoggedZxid(long zxid) {
        return new PeerStatus(myId, state, leaderId, currentEpoch, acceptedEpoch, zxid, electionAlgorithm,
                lastElection, stateChangedAtMillis, quorumAddress, electionAddress, clientAddress, learnerType,
                connectedLearners, serverCount, established);
    }

    /** A leader's new count of connected learners. */
    public PeerStatus withConnectedLearners(int learners) {
        return new PeerStatus(myId, state, leaderId, currentEpoch, acceptedEpoch, lastLoggedZxid, electionAlgorithm,
                lastElection, stateChangedAtMillis, quorumAddress, electionAddress, clientAddress, learnerType,
                learners, serverCount, established);
    }

    /** The role's session has synced: the peer now serves (ZOOKEEPER-1732's peerEpoch is reported). */
    public PeerStatus establishedNow() {
        if (state == ServerState.LOOKING) {
            throw new IllegalStateException("a LOOKING peer has no session to establish");
        }
        return new PeerStatus(myId, state, leaderId, currentEpoch, acceptedEpoch, lastLoggedZxid, electionAlgorithm,
                lastElection, stateChangedAtMillis, quorumAddress, electionAddress, clientAddress, learnerType,
                connectedLearners, serverCount, true);
    }

    /**
     * Whether the peer has a role and its session has synced; ZooKeeper answers most four-letter
     * words only then, and says "not currently serving requests" between the election and the sync.
     */
    public boolean isServing() {
        return state != ServerState.LOOKING && established;
    }
}
