/**
 * What every driver of an election core shares: buffering a core's effects during one call so
 * they can be carried out after it returns. Deterministic: no threads, clocks or I/O.
 */
package io.quorum.transport.core;
