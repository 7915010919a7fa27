package io.quorum.transport.runtime;

/**
 * How the datagram runtime opens its UDP sockets (electionAlg 0, 1 and 2).
 *
 * @param bindWildcard bind every socket to the wildcard address, as ZooKeeper 3.4.14 always does
 *     (PROTOCOL.md section 1); false binds the host of this peer's own server line instead, which
 *     keeps loopback tests off other interfaces
 * @param maxPayload the longest datagram the sockets accept; longer ones are counted and dropped
 * @param inboxCapacity datagrams a socket holds for the loop before it drops the oldest
 */
public record DatagramElectionConfig(boolean bindWildcard, int maxPayload, int inboxCapacity) {
    /** Larger than any legacy election datagram (48 bytes for alg 1/2, 36 for alg 0 responses). */
    public static final int DEFAULT_MAX_PAYLOAD = 512;
    public static final int DEFAULT_INBOX_CAPACITY = 100;

    public DatagramElectionConfig {
        if (maxPayload < 1 || maxPayload > 65_507) {
            throw new IllegalArgumentException("maxPayload must be 1..65507, got " + maxPayload);
        }
        if (inboxCapacity < 1) {
            throw new IllegalArgumentException("inboxCapacity must be at least 1, got " + inboxCapacity);
        }
    }

    /** ZooKeeper's binding (the wildcard address) with the default limits. */
    public static DatagramElectionConfig defaults() {
        return new DatagramElectionConfig(true, DEFAULT_MAX_PAYLOAD, DEFAULT_INBOX_CAPACITY);
    }

    /** These settings, binding this peer's own host instead of the wildcard address. */
    public DatagramElectionConfig bindingOwnHost() {
        return new DatagramElectionConfig(false, maxPayload, inboxCapacity);
    }
}
