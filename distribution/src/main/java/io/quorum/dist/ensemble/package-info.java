/**
 * {@code quorum ensemble}: a local ensemble of real peer processes on 127.0.0.1, its zoo.cfg
 * files and ports, the child processes, and what an observer of their {@code srvr} answers sees
 * (roles, leaders, elections and how long each took).
 */
package io.quorum.dist.ensemble;
