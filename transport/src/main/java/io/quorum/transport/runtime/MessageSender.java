package io.quorum.transport.runtime;

import io.quorum.api.election.Destination;

/** Carries a core's sends to the sockets of the endpoint they name. Called on the loop thread only. */
@FunctionalInterface
public interface MessageSender {

    /** Sends without blocking on the network; a failure is the transport's to log and absorb. */
    void send(Destination to, byte[] payload);
}
