/**
 * What a quorum peer keeps on disk: the epoch files ({@code currentEpoch}, {@code acceptedEpoch},
 * {@code updatingEpoch}) in ZooKeeper's format, a durable append-only transaction log, and the
 * start-up recovery that checks them against each other ({@link
 * io.quorum.peer.persist.DataDirRecovery}).
 *
 * <p>Every durable change follows one rule: the disk changes first (written, forced, renamed,
 * directory forced), memory second, so that a crash at any point leaves either the old or the new
 * state and never a value that the process acted on but the disk forgot.
 */
package io.quorum.peer.persist;
