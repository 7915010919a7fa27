package io.quorum.election.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The challenges this peer has issued (alg 2, PROTOCOL.md 5.2 "The challenge table"), by the
 * server that asked and the tag it asked for. A notification from that server with that tag is
 * accepted only if it carries the value.
 *
 * <p>Deviation: 3.4.14 keys its table by (the peer's IP, <em>this peer's own</em> election port),
 * and looks datagrams up by their source address. Traffic from a peer matches only when the peer
 * sends from the port this peer listens on, so alg 2 works only with one peer per IP sharing one
 * election port; on one host with distinct ports no peer's challenge request is answered and no
 * peer is ever elected (observed). Here the key is the sender's server id, which the transport
 * resolves from the datagram's full source address (IP and port) against the view's election
 * addresses. Where all peers share a port on distinct hosts this is the same key 3.4.14 uses, so
 * a 3.4.14 peer's requests and notifications are accepted exactly when 3.4.14 would accept them;
 * on one host with distinct ports it works too.
 *
 * <p>Deviation: 3.4.14 has keys for the voting members only, so observers never get a challenge
 * and their notifications are dropped, and they can never learn the leader under alg 2. Every
 * server of the view gets a key here; an observer's vote still never counts.
 *
 * <p>Deviation: 3.4.14 never forgets an entry, except that receiving an ack deletes the entry for
 * the acker's own tag of the same number, which is unrelated (its tags and ours are separate
 * counters), and the acked challenge itself stays. Here each server keeps its latest
 * {@link #PER_SERVER} challenges, so memory stays bounded whatever a peer asks for; a sender that
 * lost its entry asks again after its attempts run out, as it would after a lost challenge.
 */
final class ChallengeTable {
    /** Challenges kept per server: more than its deliveries to us can have outstanding. */
    static final int PER_SERVER = 16;

    private final Map<Long, LinkedHashMap<Long, Long>> byServer = new TreeMap<>();
    private final RandomGenerator random;
    private int counter;

    ChallengeTable(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The challenge for {@code sid}'s notification {@code tag}: the one already issued for it, or
     * a new one. As 3.4.14 makes them: a per-instance counter in the high 32 bits (from 0) and a
     * random non-negative int in the low 32.
     */
    long issue(long sid, long tag) {
        LinkedHashMap<Long, Long> issued = byServer.computeIfAbsent(sid, s -> new LinkedHashMap<>());
        Long existing = issued.get(tag);
        if (existing != null) {
            return existing;
        }
        long challenge = ((counter++ & 0xffff_ffffL) << 32) | random.nextInt(Integer.MAX_VALUE);
        issued.put(tag, challenge);
        if (issued.size() > PER_SERVER) {
            Long oldest = issued.keySet().iterator().next();
            issued.remove(oldest);
        }
        return challenge;
    }

    /** The challenge issued to {@code sid} for {@code tag}, if it is still kept. */
    OptionalLong lookup(long sid, long tag) {
        LinkedHashMap<Long, Long> issued = byServer.get(sid);
        Long challenge = issued == null ? null : issued.get(tag);
        return challenge == null ? OptionalLong.empty() : OptionalLong.of(challenge);
    }

    /** Challenges currently kept for {@code sid}. */
    int size(long sid) {
        LinkedHashMap<Long, Long> issued = byServer.get(sid);
        return issued == null ? 0 : issued.size();
    }
}
