/**
 * Logback parts that the distribution's {@code conf/logback.xml} names: a peer's start-up
 * rehearsal (io.quorum.peer.warmup) logs like a real peer, and its lines are formatted, so that the
 * formatting code is compiled before a real failover logs, then discarded instead of printed.
 */
package io.quorum.dist.logging;
