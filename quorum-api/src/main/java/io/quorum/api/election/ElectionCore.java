package io.quorum.api.election;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import java.nio.ByteBuffer;

/**
 * The deterministic heart of an election algorithm. A core is single-threaded, reads no clock,
 * opens no socket and starts no thread: it reacts to inputs and answers through the
 * {@link Outbox}. The same core runs under the threaded runtime in production and under the
 * simulator in tests. Every {@code now} is in nanoseconds on the driver's monotonic clock.
 *
 * <p>A core lives as long as its peer, across elections: ZooKeeper peers answer other peers'
 * votes in every state, so messages arrive between rounds too.
 */
public interface ElectionCore {

    /**
     * Starts a round (ZooKeeper's {@code lookForLeader}). The round ends when the core calls
     * {@link Outbox#decide}.
     */
    void start(long now, Outbox out);

    /**
     * A message arrived. The payload is the message body without transport framing; it may be
     * garbage, which a core must reject without throwing.
     */
    void onMessage(Source from, ByteBuffer payload, long now, Outbox out);

    /** A timer set through {@link Outbox#setTimer} reached its deadline. */
    void onTimer(TimerKey key, long now, Outbox out);

    /** The stream to {@code sid} came up or went down (only for stream endpoints). */
    default void onLink(long sid, boolean up, long now, Outbox out) {
    }

    /**
     * {@code sid} cannot be reached now. On stream endpoints: an attempt to open a stream to it
     * failed (refused, timed out or unresolvable), so nothing accepts connections at its election
     * address and it cannot be voting; stronger than {@link #onLink} going down, which a peer alive
     * across a reconnect also causes, and a later {@code onLink(sid, true)} means it is back. On
     * {@link Endpoint#EPHEMERAL_UDP}: a datagram sent to it was refused (ICMP port unreachable),
     * so nothing listens on that port now; it says nothing about later datagrams.
     */
    default void onUnreachable(long sid, long now, Outbox out) {
    }

    /**
     * The peer changed state outside the election, for example it stopped following and went
     * back to LOOKING, or a session confirmed it LEADING. {@code currentVote} is the vote the
     * peer now stands by, which the core reports to peers that ask.
     */
    default void onPeerState(ServerState state, Vote currentVote, long now, Outbox out) {
    }
}
