package io.quorum.api.election;

import java.util.Set;

/**
 * A socket the runtime opens on an algorithm's behalf. A provider lists the ones it needs; the
 * runtime (or the simulator) opens them and tags every message with the endpoint it arrived on.
 *
 * <p>Routing, the same in the runtime and the simulator: a {@link Destination#peer send to a
 * peer} goes to that peer's socket of the named endpoint and leaves from the local socket
 * {@link #sentFrom} picks, so the peer's {@link Destination#replyTo reply} comes back to that
 * local socket; a reply leaves from the socket its message arrived on.
 */
public enum Endpoint {
    /** The TCP connection manager on the election port: one reliable stream per peer pair (alg 3). */
    ELECTION_TCP,
    /** A UDP socket bound to the election port (alg 1 and 2). */
    ELECTION_UDP,
    /** A UDP socket bound to the quorum port, answering vote requests (alg 0's responder). */
    QUORUM_UDP,
    /** A UDP socket on an ephemeral port from which requests are sent (alg 0's requester). */
    EPHEMERAL_UDP;

    /**
     * The local socket a send to a peer's {@code this} endpoint leaves from, among the endpoints a
     * provider {@code opened}. A request to a peer's {@link #QUORUM_UDP} leaves from
     * {@link #EPHEMERAL_UDP} when the provider opens one, as ZooKeeper's alg 0 requester does
     * (PROTOCOL.md section 4), so the answer reaches the requester and not the local responder;
     * every other send leaves from the local socket of the same endpoint.
     */
    public Endpoint sentFrom(Set<Endpoint> opened) {
        if (this == QUORUM_UDP && opened.contains(EPHEMERAL_UDP)) {
            return EPHEMERAL_UDP;
        }
        return this;
    }
}
