/**
 * The sessions after the election (PROTOCOL.md section 6): ZooKeeper's quorum-packet codec, the
 * learner's and the leader's discovery/synchronisation handshake, and the heartbeats that keep an
 * established session alive.
 *
 * <p>Everything here is deterministic, like the election cores: no threads, clocks, sockets or
 * files. A driver passes the time {@code now} in nanoseconds and the bytes or packets it read, and
 * carries out the effects the cores ask for through a {@link io.quorum.peer.session.SessionOutbox},
 * in call order, after the call returns. That lets the peer-level simulator run whole peers.
 */
package io.quorum.peer.session;
