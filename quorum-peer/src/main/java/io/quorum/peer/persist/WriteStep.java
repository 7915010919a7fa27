package io.quorum.peer.persist;

/**
 * The points between the steps of an atomic file replacement. Tests stop a write at each of them
 * to simulate a crash; production code never looks at them.
 */
enum WriteStep {
    /** The temp file holds the new bytes but has not been forced. */
    TEMP_WRITTEN,
    /** The temp file has been forced, but not yet renamed over the target. */
    TEMP_SYNCED,
    /** The rename is done, but the directory has not been forced. */
    RENAMED
}
