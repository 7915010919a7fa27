package io.quorum.api.election;

/**
 * A socket the runtime opens on an algorithm's behalf. A provider lists the ones it needs; the
 * runtime (or the simulator) opens them and tags every message with the endpoint it used.
 */
public enum Endpoint {
    /** The TCP connection manager on the election port: one reliable stream per peer pair (alg 3). */
    ELECTION_TCP,
    /** A UDP socket bound to the election port (alg 1 and 2). */
    ELECTION_UDP,
    /** A UDP socket bound to the quorum port, answering vote requests (alg 0's responder). */
    QUORUM_UDP,
    /** A UDP socket on an ephemeral port from which requests are sent (alg 0's requester). */
    EPHEMERAL_UDP
}
