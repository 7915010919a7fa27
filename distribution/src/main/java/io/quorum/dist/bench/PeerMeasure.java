package io.quorum.dist.bench;

/**
 * What one peer did in one trial. Absent values are null: ZooKeeper reports neither its own
 * election time nor its messages, a simulated peer has no process.
 *
 * @param sid the peer's id
 * @param electionMillis the peer's own election time as it reports it (ours: srvr's "Last election"; simulated:
 *     from the round it opened to its decision)
 * @param messagesSent election messages the peer sent in its last round, from opening it to deciding (ours log
 *     them; the simulator's trace has them)
 * @param bytesSent the payload bytes of those messages
 * @param cpuSeconds CPU time of the peer's JVM, user plus system, read at the end of the measured phase
 * @param peakRssKib the peer JVM's peak resident set (VmHWM) then, in KiB
 */
public record PeerMeasure(long sid, Double electionMillis, Long messagesSent, Long bytesSent, Double cpuSeconds,
        Long peakRssKib) {
}
