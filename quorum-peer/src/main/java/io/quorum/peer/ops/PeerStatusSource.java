package io.quorum.peer.ops;

/**
 * Where operations code reads the latest {@link PeerStatus}. Implementations must be safe to call
 * from any thread and cheap: the client port and JMX call it on every request.
 */
@FunctionalInterface
public interface PeerStatusSource {

    /** The most recently published snapshot; never null. */
    PeerStatus current();
}
