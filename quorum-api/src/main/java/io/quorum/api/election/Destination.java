package io.quorum.api.election;

import java.util.Objects;

/** Where a core sends a message: to a peer by id, or back along the route a message came in on. */
public sealed interface Destination {

    /**
     * To server {@code sid}'s socket of {@code endpoint}; the driver finds its address in the view
     * and sends from the local socket {@link Endpoint#sentFrom} names.
     */
    record ToPeer(long sid, Endpoint endpoint) implements Destination {
        public ToPeer {
            Objects.requireNonNull(endpoint, "endpoint is null");
        }
    }

    /** Back to whoever sent a message, along the same route, from the socket the message arrived on. */
    record Reply(Source source) implements Destination {
        public Reply {
            Objects.requireNonNull(source, "source is null");
        }
    }

    static Destination peer(long sid, Endpoint endpoint) {
        return new ToPeer(sid, endpoint);
    }

    static Destination replyTo(Source source) {
        return new Reply(source);
    }
}
