package io.quorum.examples.raft;

import java.util.Map;

/**
 * The election's timing and its two safeguards, from the zoo.cfg keys under
 * {@code election.raft.} (the context hands them over with the prefix removed).
 *
 * @param electionTimeoutMinMillis the least time a peer waits without hearing from a leader
 *     before it campaigns; also how long a heartbeat keeps a follower's leader "alive"
 * @param electionTimeoutMaxMillis the most it waits; each wait is drawn anew between the two
 * @param heartbeatMillis how often a leader tells every peer it leads
 * @param preVote whether a peer asks for pre-votes (without raising its term) before it campaigns
 * @param checkQuorum whether a leader that has not heard from a quorum for an election timeout
 *     stops claiming leadership, and whether peers refuse votes while they hear from a leader
 */
public record RaftSettings(long electionTimeoutMinMillis, long electionTimeoutMaxMillis, long heartbeatMillis,
        boolean preVote, boolean checkQuorum) {

    public static final String ELECTION_TIMEOUT_MIN = "electionTimeoutMinMs";
    public static final String ELECTION_TIMEOUT_MAX = "electionTimeoutMaxMs";
    public static final String HEARTBEAT = "heartbeatMs";
    public static final String PRE_VOTE = "preVote";
    public static final String CHECK_QUORUM = "checkQuorum";

    public RaftSettings {
        if (heartbeatMillis < 1) {
            throw new IllegalArgumentException(HEARTBEAT + " must be at least 1 ms, not " + heartbeatMillis);
        }
        if (electionTimeoutMinMillis < 2 * heartbeatMillis) {
            throw new IllegalArgumentException(ELECTION_TIMEOUT_MIN + " (" + electionTimeoutMinMillis
                    + " ms) must be at least twice " + HEARTBEAT + " (" + heartbeatMillis
                    + " ms), or followers time out between heartbeats");
        }
        if (electionTimeoutMaxMillis <= electionTimeoutMinMillis) {
            throw new IllegalArgumentException(ELECTION_TIMEOUT_MAX + " (" + electionTimeoutMaxMillis
                    + " ms) must be greater than " + ELECTION_TIMEOUT_MIN + " (" + electionTimeoutMinMillis
                    + " ms): the randomised range is what keeps candidates from splitting the vote forever");
        }
    }

    /** 300-600 ms timeouts, a heartbeat every 75 ms, pre-vote and check-quorum on. */
    public static RaftSettings defaults() {
        return new RaftSettings(300, 600, 75, true, true);
    }

    /**
     * The defaults overridden by whichever keys {@code properties} holds.
     *
     * @throws IllegalArgumentException naming the key whose value is not a number or boolean, or
     *     the keys whose values contradict each other
     */
    public static RaftSettings from(Map<String, String> properties) {
        RaftSettings d = defaults();
        return new RaftSettings(
                millis(properties, ELECTION_TIMEOUT_MIN, d.electionTimeoutMinMillis),
                millis(properties, ELECTION_TIMEOUT_MAX, d.electionTimeoutMaxMillis),
                millis(properties, HEARTBEAT, d.heartbeatMillis),
                bool(properties, PRE_VOTE, d.preVote),
                bool(properties, CHECK_QUORUM, d.checkQuorum));
    }

    private static long millis(Map<String, String> properties, String key, long fallback) {
        String text = properties.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("election.raft." + key + "=" + text + " is not a number of milliseconds");
        }
    }

    private static boolean bool(Map<String, String> properties, String key, boolean fallback) {
        String text = properties.get(key);
        if (text == null) {
            return fallback;
        }
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("election.raft." + key + "=" + text + " is not true or false");
        };
    }

    long electionTimeoutMinNanos() {
        return electionTimeoutMinMillis * 1_000_000L;
    }

    long heartbeatNanos() {
        return heartbeatMillis * 1_000_000L;
    }
}
