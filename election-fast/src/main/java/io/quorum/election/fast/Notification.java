package io.quorum.election.fast;

import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.Zxid;
import java.util.Objects;
import java.util.Optional;

/**
 * One FastLeaderElection notification payload (PROTOCOL.md section 3.1), as decoded from or
 * encoded to the wire. The sender's sid is not part of it: it comes from the connection (section
 * 0 item 4).
 *
 * <p>The format is kept so that a decoded notification re-encodes to the same bytes and so that a
 * core can tell a 3.4.14 peer (40 bytes) from a 3.5+ peer (version 2 with config). The compact
 * constructor enforces what each format can express.
 *
 * @param format the wire layout
 * @param state the sender's state
 * @param leader the proposed (or current) leader's sid
 * @param zxid the proposed leader's last zxid
 * @param electionEpoch the sender's logical clock (its election round)
 * @param peerEpoch the proposed leader's epoch; for {@link NotificationFormat#LEGACY_28} it is
 *     derived as {@code zxid >> 32}, as both receivers do (section 3.3)
 * @param version the version int as written on the wire; 0 for the 28 and 36 byte formats
 * @param config the config text, present exactly for {@link NotificationFormat#CONFIG_V2}
 */
public record Notification(
        NotificationFormat format,
        ServerState state,
        long leader,
        long zxid,
        long electionEpoch,
        long peerEpoch,
        int version,
        Optional<ConfigData> config) {

    /** The version 3.4.6 to 3.4.14 write in the 40-byte form (section 3.1). */
    public static final int VERSION_40 = 1;
    /** The version 3.5 and later write; any version above 1 carries a config (section 3.3). */
    public static final int VERSION_CONFIG = 2;

    public Notification {
        Objects.requireNonNull(format, "format is null");
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(config, "config is null");
        requireConsistent(format, zxid, peerEpoch, version, config.isPresent());
    }

    /** The 40-byte notification a 3.4.14 peer sends (version 1). */
    public static Notification versioned40(
            ServerState state, long leader, long zxid, long electionEpoch, long peerEpoch) {
        return new Notification(NotificationFormat.VERSIONED_40, state, leader, zxid, electionEpoch, peerEpoch,
                VERSION_40, Optional.empty());
    }

    /** The version-2 notification with config a 3.9.5 peer sends. */
    public static Notification withConfig(
            ServerState state, long leader, long zxid, long electionEpoch, long peerEpoch, ConfigData config) {
        return new Notification(NotificationFormat.CONFIG_V2, state, leader, zxid, electionEpoch, peerEpoch,
                VERSION_CONFIG, Optional.of(config));
    }

    /** The vote this notification carries, with its state and version. */
    public Vote toVote() {
        return new Vote(leader, zxid, electionEpoch, peerEpoch, state, version);
    }

    private static void requireConsistent(
            NotificationFormat format, long zxid, long peerEpoch, int version, boolean hasConfig) {
        if (hasConfig != (format == NotificationFormat.CONFIG_V2)) {
            throw new IllegalArgumentException("a config is carried by the version-2 format only, not " + format);
        }
        switch (format) {
            case LEGACY_28 -> {
                requireVersion(version == 0, format, version);
                if (peerEpoch != Zxid.epochOf(zxid)) {
                    throw new IllegalArgumentException("the 28-byte format cannot carry peerEpoch " + peerEpoch
                            + " apart from zxid " + Zxid.toHex(zxid));
                }
            }
            case PEER_EPOCH_36 -> requireVersion(version == 0, format, version);
            case VERSIONED_40 -> {
                // Any int fits in the 40-byte form: 3.4.14 reads it as written (section 3.3).
            }
            case CONFIG_V2 -> requireVersion(version >= VERSION_CONFIG, format, version);
        }
    }

    private static void requireVersion(boolean ok, NotificationFormat format, int version) {
        if (!ok) {
            throw new IllegalArgumentException("version " + version + " cannot be sent in format " + format);
        }
    }
}
