/**
 * Reading a ZooKeeper {@code zoo.cfg} and its {@code myid} file into a validated, immutable
 * {@link io.quorum.peer.config.QuorumPeerConfig}. Parsing never resolves host names: addresses
 * stay unresolved {@link io.quorum.api.view.PeerAddress}es until the transport binds or connects.
 */
package io.quorum.peer.config;
