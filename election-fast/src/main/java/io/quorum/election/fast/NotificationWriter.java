package io.quorum.election.fast;

import io.quorum.api.Vote;

/**
 * Encodes our votes as 3.9.5 does: the version-2 form carrying the ensemble's config text with
 * {@code version=0} (PROTOCOL.md 3.2). 3.4.14 reads the version and ignores the rest; 3.9.5 sees a
 * config no newer than its own and keeps it. The config never changes, so it is rendered once.
 */
final class NotificationWriter {
    private final ConfigData config;

    NotificationWriter(String configText) {
        this.config = ConfigData.ofText(configText);
    }

    byte[] write(Vote vote) {
        return NotificationCodec.encode(Notification.withConfig(
                vote.state(), vote.leader(), vote.zxid(), vote.electionEpoch(), vote.peerEpoch(), config));
    }
}
