/**
 * The election SPI: everything an election algorithm sees, and all a plugin compiles against.
 *
 * <p><b>What a plugin is.</b> An {@link io.quorum.api.election.ElectionProvider} listed in
 * {@code META-INF/services/io.quorum.api.election.ElectionProvider} of a jar that depends on
 * quorum-api alone. Dropped into the distribution's {@code plugins/} directory (or the one
 * zoo.cfg's {@code plugin.dir} names), it is loaded in a class loader of its own that sees the JDK,
 * this package's module and the jar, and is selected with {@code electionAlg=<name>}. Two
 * providers claiming one name or number stop the peer with an error naming both jars.
 *
 * <p><b>What a core receives.</b> A provider makes one {@link io.quorum.api.election.ElectionCore}
 * per peer start, given an {@link io.quorum.api.election.ElectionContext} (its id, the ensemble's
 * {@link io.quorum.api.view.QuorumView}, its live history as a vote, a random source, its
 * {@code election.<name>.*} settings). The core lives as long as the peer. A driver calls it one
 * input at a time: {@code start} when the peer looks for a leader, {@code onMessage},
 * {@code onTimer}, {@code onLink}/{@code onUnreachable} for stream endpoints, and
 * {@code onPeerState} when the peer's role changes outside the election.
 *
 * <p><b>What a core may do.</b> Only what the {@link io.quorum.api.election.Outbox} offers:
 * send, set and cancel timers ({@link io.quorum.api.election.TimerKey}), decide (ending a round
 * with a {@link io.quorum.api.election.Decision}), trace, and optionally report a voter looking
 * or ask its peer to look again. Effects are carried out after the call returns, in order. A core
 * reads no clock, starts no thread, opens no socket and draws randomness only from its context, so
 * the same core runs under the threaded runtime in production and under the deterministic
 * simulator in tests, where a failing seed replays exactly.
 *
 * <p><b>How messages travel.</b> A provider lists its sockets as
 * {@link io.quorum.api.election.Endpoint}s: the TCP connection manager on the election port (one
 * reliable stream per peer pair) or UDP sockets. Messages arrive tagged with a
 * {@link io.quorum.api.election.Source}; a core answers a peer by id or along the route a message
 * came in on ({@link io.quorum.api.election.Destination}). Payloads may be garbage: decoders
 * return a {@link io.quorum.api.election.DecodeResult} instead of throwing.
 *
 * <p><b>What a decision must give the peer.</b> After a decision the peer runs ZooKeeper's quorum
 * protocol: the leader must be a voter that may lead, its history (epoch, zxid) at least that of
 * the quorum that follows it; observers decide OBSERVING and voters never do.
 *
 * <p><b>How it is tested.</b> With quorum's {@code transport} module in test scope, the simulator
 * ({@code io.quorum.transport.sim}) runs a provider's cores for thousands of seeds under crashes,
 * partitions, loss and clogged links, checking the invariants above after every step and liveness
 * once the network heals. docs/custom-election.md in the source tree walks through all of it with
 * the example Raft plugin (examples/raft-election).
 */
package io.quorum.api.election;
