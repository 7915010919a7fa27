package io.quorum.api.election;

import java.util.Objects;

/**
 * Names a timer a core set. Setting a timer with a key that is already pending moves its
 * deadline; each key fires at most once per setting.
 *
 * @param name what the timer is for, as it appears in traces
 */
public record TimerKey(String name) {
    public TimerKey {
        Objects.requireNonNull(name, "name is null");
    }

    @Override
    public String toString() {
        return name;
    }
}
