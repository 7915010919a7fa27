package io.quorum.peer.ops;

import io.quorum.peer.config.QuorumPeerConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The text a ZooKeeper server sends for the four-letter words this peer supports: {@code ruok},
 * {@code srvr}, {@code stat}, {@code mntr} and {@code conf}. Pure formatting: the same word,
 * status and counters always give the same bytes.
 *
 * <p>As in ZooKeeper, {@code ruok} is answered {@code imok} (no newline) in every state, while
 * the other words answer {@link #NOT_SERVING} while the peer is LOOKING. Any other word, including
 * ZooKeeper words we do not implement, gets no answer: ZooKeeper too closes the connection without
 * a word for four bytes it does not know.
 */
public final class FourLetterWords {
    /** ZooKeeper's exact answer while the peer has no role, newline included. */
    public static final String NOT_SERVING = ZooKeeperWords.NOT_SERVING;
    /** The words answered. */
    public static final Set<String> WORDS = Set.of("ruok", "srvr", "stat", "mntr", "conf");

    private final SrvrFormat srvr;
    private final MntrFormat mntr;
    private final ConfFormat conf;

    /**
     * @param config the peer's configuration, printed by {@code conf}
     * @param build the version printed by {@code srvr}, {@code stat} and {@code mntr}
     */
    public FourLetterWords(QuorumPeerConfig config, BuildInfo build) {
        Objects.requireNonNull(config, "config is null");
        Objects.requireNonNull(build, "build is null");
        this.srvr = new SrvrFormat(build);
        this.mntr = new MntrFormat(build);
        this.conf = new ConfFormat(config);
    }

    /** Whether {@code word} is one this peer answers. */
    public static boolean isKnown(String word) {
        return WORDS.contains(word);
    }

    /**
     * The answer to {@code word}; empty for unknown words, which the caller answers by closing.
     *
     * @param word the four ASCII characters the client sent, case-sensitive as in ZooKeeper
     * @param status the peer's latest status
     * @param stats the client port's counters
     */
    public Optional<String> answer(String word, PeerStatus status, ClientPortStats stats) {
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(stats, "stats is null");
        if ("ruok".equals(word)) {
            return Optional.of("imok");
        }
        if (!isKnown(word)) {
            return Optional.empty();
        }
        if (!status.isServing()) {
            return Optional.of(NOT_SERVING);
        }
        return Optional.of(switch (word) {
            case "srvr" -> srvr.format(status, stats, false);
            case "stat" -> srvr.format(status, stats, true);
            case "mntr" -> mntr.format(status, stats);
            case "conf" -> conf.format(status, stats);
            default -> throw new IllegalStateException("word " + word + " is known but has no format");
        });
    }
}
