/**
 * Real peer processes for system tests and benchmarks: our peer or a real ZooKeeper release, each
 * in its own JVM and directory on loopback ports, watched from outside through {@code srvr}.
 */
package io.quorum.dist.harness;
