/**
 * Operations: what a running peer tells people and tools about itself. {@link
 * io.quorum.peer.ops.PeerStatus} is the immutable snapshot the peer publishes on every change;
 * {@link io.quorum.peer.ops.FourLetterWords} turns it into ZooKeeper's four-letter-word text,
 * {@link io.quorum.peer.ops.ClientPortServer} serves that text on the client port, and {@link
 * io.quorum.peer.ops.JmxRegistration} exposes it as MXBeans. Nothing here reads the clock directly:
 * time arrives in the snapshot or through an injected ticker.
 */
package io.quorum.peer.ops;
