package io.quorum.peer.election;

import java.util.Map;
import java.util.TreeMap;

/**
 * The settings one algorithm's cores get from zoo.cfg: its {@code election.<name>.<key>} entries
 * as {@code <key>}, as {@link io.quorum.api.election.ElectionContext#properties()} promises.
 * Another algorithm's {@code election.*} keys are left out, so that switching {@code electionAlg}
 * never hands one algorithm the other's settings.
 */
public final class ElectionSettings {
    private static final String PREFIX = "election.";

    private ElectionSettings() {
    }

    /**
     * @param electionKeys zoo.cfg's {@code election.*} entries, prefix included
     * @param algorithm the selected provider's name
     */
    public static Map<String, String> of(Map<String, String> electionKeys, String algorithm) {
        String own = PREFIX + algorithm + ".";
        Map<String, String> settings = new TreeMap<>();
        electionKeys.forEach((key, value) -> {
            if (key.startsWith(own) && key.length() > own.length()) {
                settings.put(key.substring(own.length()), value);
            } else if (!key.startsWith(PREFIX)) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
