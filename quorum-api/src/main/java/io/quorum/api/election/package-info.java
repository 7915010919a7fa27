/**
 * The election SPI. An algorithm is an {@link io.quorum.api.election.ElectionProvider} that makes
 * {@link io.quorum.api.election.ElectionCore}s: deterministic state machines that act only
 * through an {@link io.quorum.api.election.Outbox}. Drivers (the threaded runtime, the
 * simulator) feed cores inputs and carry out their effects.
 */
package io.quorum.api.election;
