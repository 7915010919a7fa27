package io.quorum.api.view;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The ensemble as one peer's configuration describes it: every server line and the verifier
 * that says which of them form a quorum. Immutable.
 */
public final class QuorumView {
    private final Map<Long, QuorumServer> servers;
    private final QuorumVerifier verifier;

    /**
     * @throws IllegalArgumentException if the verifier counts a server that is not a participant
     *     in the list, or a participant is missing from the verifier
     */
    public QuorumView(Collection<QuorumServer> servers, QuorumVerifier verifier) {
        Map<Long, QuorumServer> byId = new TreeMap<>();
        for (QuorumServer server : servers) {
            if (byId.put(server.id(), server) != null) {
                throw new IllegalArgumentException("server id " + server.id() + " appears twice");
            }
        }
        this.servers = Collections.unmodifiableMap(byId);
        this.verifier = Objects.requireNonNull(verifier, "verifier is null");
        Set<Long> participants = participantIds(byId);
        if (!participants.equals(verifier.votingMembers())) {
            throw new IllegalArgumentException("the quorum verifier counts " + new java.util.TreeSet<>(verifier.votingMembers())
                    + " but the participants are " + new java.util.TreeSet<>(participants));
        }
    }

    /** A view whose quorum is a plain majority of its participants. */
    public static QuorumView majority(Collection<QuorumServer> servers) {
        Map<Long, QuorumServer> byId = new TreeMap<>();
        servers.forEach(s -> byId.put(s.id(), s));
        return new QuorumView(servers, new MajorityVerifier(participantIds(byId)));
    }

    private static Set<Long> participantIds(Map<Long, QuorumServer> byId) {
        return byId.values().stream()
                .filter(QuorumServer::isParticipant)
                .map(QuorumServer::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Every server, participants and observers, in id order. */
    public Collection<QuorumServer> servers() {
        return servers.values();
    }

    public Optional<QuorumServer> server(long sid) {
        return Optional.ofNullable(servers.get(sid));
    }

    public boolean contains(long sid) {
        return servers.containsKey(sid);
    }

    /** The ids that vote; the same set the verifier counts. */
    public Set<Long> votingMembers() {
        return verifier.votingMembers();
    }

    public boolean isVoter(long sid) {
        return verifier.votingMembers().contains(sid);
    }

    public QuorumVerifier verifier() {
        return verifier;
    }

    @Override
    public String toString() {
        return servers.size() + " servers, " + verifier;
    }
}
