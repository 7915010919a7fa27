/**
 * Asking running peers, ours or Apache ZooKeeper's, what they are doing through the {@code srvr}
 * four-letter word on their client ports; behind {@code quorum status}. Nothing here prints: the
 * CLI does.
 */
package io.quorum.dist.status;
