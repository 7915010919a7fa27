package io.quorum.election.legacy;

import java.util.Map;

/**
 * The timings of LeaderElection, read from the {@code election.legacy.*} keys of zoo.cfg. The
 * defaults are the constants 3.4.14 hard-codes (PROTOCOL.md section 4); the keys exist so the
 * simulator can vary them per seed.
 *
 * @param receiveTimeoutNanos how long the requester waits for each server's answer (200 ms, the
 *     requester socket's SO_TIMEOUT)
 * @param roundSleepNanos the sleep between rounds that did not decide (1000 ms)
 * @param settleDelayNanos the sleep before a FOLLOWING or OBSERVING decision is returned (100 ms)
 * @param shortRoundSleepNanos the sleep after a round that did not decide and in which a server
 *     refused the request or every voter answered (200 ms; not a 3.4.14 constant, see
 *     {@link LeaderElection})
 */
record LegacySettings(long receiveTimeoutNanos, long roundSleepNanos, long settleDelayNanos,
        long shortRoundSleepNanos) {

    static final String RECEIVE_TIMEOUT = "receiveTimeout";
    static final String ROUND_SLEEP = "roundSleep";
    static final String SETTLE_DELAY = "settleDelay";
    static final String SHORT_ROUND_SLEEP = "shortRoundSleep";

    private static final long MILLIS = 1_000_000L;

    LegacySettings {
        if (receiveTimeoutNanos <= 0 || roundSleepNanos <= 0 || shortRoundSleepNanos <= 0) {
            throw new IllegalArgumentException("receiveTimeout, roundSleep and shortRoundSleep must be positive");
        }
        if (settleDelayNanos < 0) {
            throw new IllegalArgumentException("settleDelay must not be negative");
        }
    }

    static LegacySettings defaults() {
        return from(Map.of());
    }

    static LegacySettings from(Map<String, String> properties) {
        return new LegacySettings(
                millis(properties, RECEIVE_TIMEOUT, 200) * MILLIS,
                millis(properties, ROUND_SLEEP, 1_000) * MILLIS,
                millis(properties, SETTLE_DELAY, 100) * MILLIS,
                millis(properties, SHORT_ROUND_SLEEP, 200) * MILLIS);
    }

    private static long millis(Map<String, String> properties, String key, long fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("election.legacy." + key + " is not a number of milliseconds: '" + value + "'", e);
        }
    }
}
