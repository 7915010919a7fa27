package io.quorum.dist.status;

import io.quorum.api.Zxid;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A serving peer's answer to {@code srvr}. ZooKeeper's lines ({@code Mode:}, {@code Zxid:}) are
 * there for every peer; the lines our peer adds after them ({@code Server id:}, {@code Leader:},
 * {@code Epoch:}, {@code Election algorithm:}, {@code Last election:}) are empty for a ZooKeeper
 * peer, which does not print them.
 *
 * @param mode the {@code Mode:} value as written, lower-cased: leader, follower, observer,
 *     standalone, read-only
 * @param zxid the {@code Zxid:} value
 * @param serverId our {@code Server id:}
 * @param leaderId our {@code Leader:}
 * @param epoch our {@code Epoch:} (the peer's current epoch)
 * @param electionAlgorithm our {@code Election algorithm:}, e.g. {@code fast (3)}
 * @param lastElection our {@code Last election:}, e.g. {@code 12 ms} or {@code none}
 */
public record SrvrAnswer(
        String mode,
        OptionalLong zxid,
        OptionalLong serverId,
        OptionalLong leaderId,
        OptionalLong epoch,
        Optional<String> electionAlgorithm,
        Optional<String> lastElection) {

    /** What ZooKeeper, and our peer, answer instead while they have no role (LOOKING). */
    public static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests";

    public SrvrAnswer {
        Objects.requireNonNull(mode, "mode is null");
        Objects.requireNonNull(zxid, "zxid is null");
        Objects.requireNonNull(serverId, "serverId is null");
        Objects.requireNonNull(leaderId, "leaderId is null");
        Objects.requireNonNull(epoch, "epoch is null");
        Objects.requireNonNull(electionAlgorithm, "electionAlgorithm is null");
        Objects.requireNonNull(lastElection, "lastElection is null");
    }

    /**
     * Reads a {@code srvr} answer; empty when it has no {@code Mode:} line (not serving, or not a
     * srvr answer at all). A line whose value does not parse is treated as absent: a status tool
     * shows what it can rather than refusing a peer of another version.
     */
    public static Optional<SrvrAnswer> parse(String text) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                lines.putIfAbsent(line.substring(0, colon), line.substring(colon + 2).strip());
            }
        }
        String mode = lines.get("Mode");
        if (mode == null || mode.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SrvrAnswer(mode.toLowerCase(Locale.ROOT), hex(lines.get("Zxid")),
                decimal(lines.get("Server id")), decimal(lines.get("Leader")), decimal(lines.get("Epoch")),
                Optional.ofNullable(lines.get("Election algorithm")), Optional.ofNullable(lines.get("Last election"))));
    }

    /** Whether the peer says {@code Mode: leader}. */
    public boolean isLeader() {
        return mode.equals("leader");
    }

    private static OptionalLong hex(String value) {
        if (value == null || !value.matches("0[xX][0-9a-fA-F]{1,16}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Zxid.parseHex(value));
    }

    private static OptionalLong decimal(String value) {
        if (value == null || !value.matches("-?[0-9]{1,18}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(value));
    }
}
