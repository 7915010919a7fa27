package io.quorum.election.auth;

import java.util.Map;

/**
 * The timings of AuthFastLeaderElection, read from the {@code election.auth-fast.*} (alg 1) or
 * {@code election.auth-fast-challenge.*} (alg 2) keys of zoo.cfg. The defaults are the constants
 * 3.4.14 hard-codes (PROTOCOL.md 5.2 and 5.3); the keys exist so the simulator can vary them.
 *
 * @param finalizeWaitNanos how long a peer whose proposal has a quorum waits for a better vote
 *     (100 ms); the loop's poll timeout is twice this, as in 3.4.14
 * @param ackWaitNanos the base of the sender's waits (100 ms, 3.4.14's {@code finalizeWait} again):
 *     {@code ackWait * 2^attempt} for a challenge, {@code ackWait * 10^attempt} for an ack
 * @param sendAttempts attempts per notification before it is put back (3)
 */
record AuthSettings(long finalizeWaitNanos, long ackWaitNanos, int sendAttempts) {

    static final String FINALIZE_WAIT = "finalizeWait";
    static final String ACK_WAIT = "ackWait";
    static final String SEND_ATTEMPTS = "sendAttempts";

    private static final long MILLIS = 1_000_000L;
    private static final int MAX_ATTEMPTS = 6;

    AuthSettings {
        if (finalizeWaitNanos <= 0 || ackWaitNanos <= 0) {
            throw new IllegalArgumentException("finalizeWait and ackWait must be positive");
        }
        if (sendAttempts < 1 || sendAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("sendAttempts must be 1.." + MAX_ATTEMPTS + ", got " + sendAttempts);
        }
    }

    static AuthSettings defaults() {
        return from("auth-fast", Map.of());
    }

    /** The settings in {@code properties}, whose keys came from under {@code election.<algorithm>.}. */
    static AuthSettings from(String algorithm, Map<String, String> properties) {
        return new AuthSettings(
                number(algorithm, properties, FINALIZE_WAIT, 100) * MILLIS,
                number(algorithm, properties, ACK_WAIT, 100) * MILLIS,
                Math.toIntExact(number(algorithm, properties, SEND_ATTEMPTS, 3)));
    }

    /** How long the election loop waits for a notification before it may notify again (200 ms). */
    long pollTimeoutNanos() {
        return 2 * finalizeWaitNanos;
    }

    /** The wait for a challenge in attempt {@code attempt} (from 0): {@code ackWait * 2^attempt}. */
    long challengeWaitNanos(int attempt) {
        return ackWaitNanos << attempt;
    }

    /** The wait for an ack in attempt {@code attempt} (from 0): {@code ackWait * 10^attempt}. */
    long ackWaitNanos(int attempt) {
        long wait = ackWaitNanos;
        for (int i = 0; i < attempt; i++) {
            wait *= 10;
        }
        return wait;
    }

    private static long number(String algorithm, Map<String, String> properties, String key, long fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("election." + algorithm + "." + key + " is not a number: '" + value + "'", e);
        }
    }
}
