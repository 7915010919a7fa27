package io.quorum.election.legacy;

/**
 * An electionAlg=0 response datagram (PROTOCOL.md section 4): the responder's id and its vote.
 * A responder that is OBSERVING never writes the vote, so 3.4.14 sends stale bytes there; the
 * codec cannot tell, and cores must not trust the vote of a responder they know to be an observer.
 *
 * @param xid the request's xid, echoed
 * @param responderId the responder's myid
 * @param voteLeader the leader the responder votes for (its own id when LEADING)
 * @param voteZxid the zxid of that vote
 */
public record LegacyResponse(int xid, long responderId, long voteLeader, long voteZxid) {
}
