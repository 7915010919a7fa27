/**
 * The peer-level simulation: whole peers (an election core from any provider, ZooKeeper's session
 * cores and a crashable epoch store and transaction log) under the transport simulator's seeded
 * network, clock and fault schedules. {@link io.quorum.peer.sim.PeerSimulation} is the entry
 * point; {@link io.quorum.peer.sim.ZabSessionLayer} is the {@link io.quorum.transport.sim.PeerLayer}
 * the kernel hosts; {@link io.quorum.peer.sim.PeerInvariants} are checked after every step.
 *
 * <p>Deterministic like the kernel: no clock, threads, sockets, files or unseeded randomness.
 */
package io.quorum.peer.sim;
