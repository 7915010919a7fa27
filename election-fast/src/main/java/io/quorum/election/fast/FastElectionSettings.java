package io.quorum.election.fast;

import java.util.Map;

/**
 * The knobs of FastLeaderElection, read from the {@code election.fast.*} keys of zoo.cfg (and
 * ZooKeeper's own {@code fastleader.*} names for the notification interval).
 *
 * @param finalizeWaitNanos how long a peer that sees a quorum waits for a better vote (200 ms)
 * @param minNotificationIntervalNanos the first re-send interval (200 ms), doubled on each timeout
 * @param maxNotificationIntervalNanos the cap of that back-off (60 s)
 * @param fastTermination decide without the finalize wait once every connected voter agrees
 * @param linkDownGraceNanos how long a voter's link must stay down before fast termination stops
 *     waiting for that voter (100 ms): longer than the drop-and-reconnect of the sid tie-break
 */
record FastElectionSettings(
        long finalizeWaitNanos,
        long minNotificationIntervalNanos,
        long maxNotificationIntervalNanos,
        boolean fastTermination,
        long linkDownGraceNanos) {

    static final String FINALIZE_WAIT = "finalizeWait";
    static final String MIN_INTERVAL = "minNotificationInterval";
    static final String MAX_INTERVAL = "maxNotificationInterval";
    static final String FAST_TERMINATION = "fastTermination";
    static final String LINK_DOWN_GRACE = "linkDownGrace";

    private static final long MILLIS = 1_000_000L;

    FastElectionSettings {
        if (finalizeWaitNanos <= 0 || minNotificationIntervalNanos <= 0) {
            throw new IllegalArgumentException("finalizeWait and minNotificationInterval must be positive");
        }
        if (maxNotificationIntervalNanos < minNotificationIntervalNanos) {
            throw new IllegalArgumentException("maxNotificationInterval must not be below minNotificationInterval");
        }
        if (linkDownGraceNanos < 0) {
            throw new IllegalArgumentException("linkDownGrace must not be negative");
        }
    }

    static FastElectionSettings from(Map<String, String> properties) {
        long min = millis(properties, MIN_INTERVAL, "fastleader." + MIN_INTERVAL, 200);
        long max = millis(properties, MAX_INTERVAL, "fastleader." + MAX_INTERVAL, 60_000);
        return new FastElectionSettings(
                millis(properties, FINALIZE_WAIT, FINALIZE_WAIT, 200) * MILLIS,
                min * MILLIS,
                max * MILLIS,
                bool(properties, FAST_TERMINATION, true),
                millis(properties, LINK_DOWN_GRACE, LINK_DOWN_GRACE, 100) * MILLIS);
    }

    private static long millis(Map<String, String> properties, String key, String zooKeeperKey, long fallback) {
        String value = properties.getOrDefault(key, properties.get(zooKeeperKey));
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("election.fast." + key + " is not a number of milliseconds: '" + value + "'", e);
        }
    }

    private static boolean bool(Map<String, String> properties, String key, boolean fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        String trimmed = value.trim();
        if (!trimmed.equals("true") && !trimmed.equals("false")) {
            throw new IllegalArgumentException("election.fast." + key + " must be true or false: '" + value + "'");
        }
        return Boolean.parseBoolean(trimmed);
    }
}
