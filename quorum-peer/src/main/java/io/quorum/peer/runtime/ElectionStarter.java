package io.quorum.peer.runtime;

import io.quorum.api.election.Election;
import io.quorum.api.election.ElectionContext;

/** Starts the election the configuration selected, with the context the peer builds. */
@FunctionalInterface
public interface ElectionStarter {
    Election start(ElectionContext context);
}
