/**
 * Guice assembly of a peer: {@link io.quorum.peer.wiring.QuorumPeerModule} binds the configuration,
 * persistence, transport, sessions and operations; {@link io.quorum.peer.wiring.ElectionModule}
 * offers every installed election algorithm and provides the one {@code electionAlg} names. The
 * only package besides the distribution that sees an injector.
 */
package io.quorum.peer.wiring;
