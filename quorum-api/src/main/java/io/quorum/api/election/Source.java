package io.quorum.api.election;

import java.util.Objects;

/**
 * Where a message came from.
 *
 * @param sid the sender's server id, or {@link #UNKNOWN_SID} when the transport cannot tell
 *     (a datagram from an address outside the view)
 * @param endpoint the endpoint the message arrived on
 * @param route an opaque token the driver uses to route a {@link Destination#replyTo reply};
 *     cores compare it at most, never look inside
 */
public record Source(long sid, Endpoint endpoint, Object route) {
    /** The sid of a sender the transport could not identify. */
    public static final long UNKNOWN_SID = -1;

    public Source {
        Objects.requireNonNull(endpoint, "endpoint is null");
        Objects.requireNonNull(route, "route is null");
    }

    /** A message from a known peer over a stream, where the peer itself is the route. */
    public static Source peer(long sid, Endpoint endpoint) {
        return new Source(sid, endpoint, sid);
    }

    public boolean isKnown() {
        return sid != UNKNOWN_SID;
    }
}
