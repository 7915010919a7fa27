package io.quorum.transport.sim;

import io.quorum.api.election.Endpoint;

/**
 * The route the simulator puts in every delivered message's {@link io.quorum.api.election.Source},
 * so that {@link io.quorum.api.election.Destination#replyTo} goes back to the sender on the same
 * endpoint.
 */
public record SimRoute(long sid, Endpoint endpoint) {
}
