package io.quorum.election.legacy;

/**
 * An electionAlg=0 request datagram (PROTOCOL.md section 4): only an xid, a random int the
 * requester picks once per election call and reuses in every round of it.
 *
 * @param xid the transaction id the responder echoes
 */
public record LegacyRequest(int xid) {
}
