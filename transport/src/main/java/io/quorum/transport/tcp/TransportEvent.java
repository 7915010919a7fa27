package io.quorum.transport.tcp;

/** What the connection manager hands to the election loop, in arrival order. */
public sealed interface TransportEvent {

    /** The peer the event is about. */
    long sid();

    /**
     * A frame's payload arrived from {@code sid} (the sid comes from the connection's initial
     * message, PROTOCOL.md 0.4). A payload sent to oneself arrives with one's own sid.
     */
    record Received(long sid, byte[] payload) implements TransportEvent {
    }

    /** The connection to {@code sid} (a server of the view) went up or down. */
    record Link(long sid, boolean up) implements TransportEvent {
    }

    /** Dialling {@code sid} (a server of the view) failed while no connection to it was up. */
    record Unreachable(long sid) implements TransportEvent {
    }
}
