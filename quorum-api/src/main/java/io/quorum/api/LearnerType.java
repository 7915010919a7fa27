package io.quorum.api;

import java.util.Locale;
import java.util.Optional;

/** Whether a server votes (a participant) or only learns the leader's state (an observer). */
public enum LearnerType {
    /** Votes in elections and may lead; ZooKeeper's default. */
    PARTICIPANT,
    /** Never votes and never leads; follows whichever leader the participants elect. */
    OBSERVER;

    /** The spelling used in zoo.cfg ({@code participant} or {@code observer}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the zoo.cfg spelling, ignoring case and surrounding blanks; empty if unknown. */
    public static Optional<LearnerType> fromConfigName(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        for (LearnerType type : values()) {
            if (type.configName().equals(trimmed)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
