/**
 * Application class-data sharing for the peer processes our launchers start: a training run of
 * three in-process peers records the classes a peer loads, the JVM archives them once per JDK
 * and build, and every later peer JVM maps the archive instead of loading and verifying those
 * classes again, which is most of a peer's start-up time.
 */
package io.quorum.dist.cds;
