/**
 * The Zab sessions over real sockets: the drivers that run the deterministic session cores of
 * {@code io.quorum.peer.session} on the quorum port (the leader's listener and its learner
 * connections, the learner's connection to the leader), with the real clock and the peer's
 * durable history.
 */
package io.quorum.peer.zab;
