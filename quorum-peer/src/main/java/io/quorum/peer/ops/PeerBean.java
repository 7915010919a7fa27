package io.quorum.peer.ops;

import io.quorum.api.Zxid;
import io.quorum.api.view.PeerAddress;
import java.util.Objects;

/** {@link PeerMXBean} over a {@link PeerStatusSource}. */
final class PeerBean implements PeerMXBean {
    private final PeerStatusSource source;

    PeerBean(PeerStatusSource source) {
        this.source = Objects.requireNonNull(source, "source is null");
    }

    @Override
    public long getMyId() {
        return source.current().myId();
    }

    @Override
    public String getState() {
        return source.current().state().name();
    }

    @Override
    public long getLeaderId() {
        return source.current().leaderId().orElse(-1);
    }

    @Override
    public long getCurrentEpoch() {
        return source.current().currentEpoch();
    }

    @Override
    public long getAcceptedEpoch() {
        return source.current().acceptedEpoch();
    }

    @Override
    public String getLastLoggedZxid() {
        return Zxid.toHex(source.current().lastLoggedZxid());
    }

    @Override
    public String getElectionAlgorithm() {
        return source.current().electionAlgorithm().describe();
    }

    @Override
    public String getLearnerType() {
        return source.current().learnerType().configName();
    }

    @Override
    public String getQuorumAddress() {
        return source.current().quorumAddress().toString();
    }

    @Override
    public String getElectionAddress() {
        return source.current().electionAddress().map(PeerAddress::toString).orElse("");
    }

    @Override
    public String getClientAddress() {
        return source.current().clientAddress().map(PeerAddress::toString).orElse("");
    }

    @Override
    public int getConnectedLearners() {
        return source.current().connectedLearners();
    }

    @Override
    public int getServerCount() {
        return source.current().serverCount();
    }

    @Override
    public long getStateChangedAtMillis() {
        return source.current().stateChangedAtMillis();
    }
}
