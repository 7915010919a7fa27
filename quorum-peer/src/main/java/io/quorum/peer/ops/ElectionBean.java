package io.quorum.peer.ops;

import io.quorum.api.ServerState;
import java.time.Duration;
import java.util.Objects;

/** {@link ElectionMXBean} over a {@link PeerStatusSource}. */
final class ElectionBean implements ElectionMXBean {
    private final PeerStatusSource source;

    ElectionBean(PeerStatusSource source) {
        this.source = Objects.requireNonNull(source, "source is null");
    }

    @Override
    public String getAlgorithmName() {
        return source.current().electionAlgorithm().name();
    }

    @Override
    public int getAlgorithmNumber() {
        return source.current().electionAlgorithm().number().orElse(-1);
    }

    @Override
    public boolean isLooking() {
        return source.current().state() == ServerState.LOOKING;
    }

    @Override
    public long getLastElectionMillis() {
        return source.current().lastElection().map(Duration::toMillis).orElse(-1L);
    }

    @Override
    public long getLeaderId() {
        return source.current().leaderId().orElse(-1);
    }
}
