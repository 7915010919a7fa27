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

    // equals and hashCode written out, not generated: a record's generated ones are linked through
    // invokedynamic the first time they run, and a runtime first compares two timer keys (re-setting
    // a pending timer) in the middle of a failover, where the linking took milliseconds of CPU.
    @Override
    public boolean equals(Object other) {
        return other instanceof TimerKey key && name.equals(key.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
