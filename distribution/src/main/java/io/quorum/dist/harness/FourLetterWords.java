package io.quorum.dist.harness;

import io.quorum.dist.status.Probe;
import io.quorum.dist.status.SrvrAnswer;
import io.quorum.dist.status.SrvrClient;
import io.quorum.dist.status.StatusTarget;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harness's view of a peer's {@code srvr} answer: its role, zxid and (our peers only) how long
 * its last election took. Asking and parsing are the status package's ({@link SrvrClient},
 * {@link Probe}); this only reduces a probe to what pollers compare.
 */
public final class FourLetterWords {

    private static final SrvrClient CLIENT = new SrvrClient(Duration.ofSeconds(1));
    private static final Pattern MILLIS = Pattern.compile("(\\d+) ms");

    /** What a peer says about itself; LOOKING peers answer NOT_SERVING. */
    public enum Mode { LEADER, FOLLOWER, OBSERVER, STANDALONE, NOT_SERVING, UNREACHABLE }

    /**
     * @param mode the role
     * @param zxid the {@code Zxid:} line
     * @param lastElectionMillis our peer's {@code Last election:} line; empty for ZooKeeper
     */
    public record Status(Mode mode, OptionalLong zxid, OptionalLong lastElectionMillis) {

        static final Status UNREACHABLE = new Status(Mode.UNREACHABLE, OptionalLong.empty(), OptionalLong.empty());
        static final Status NOT_SERVING = new Status(Mode.NOT_SERVING, OptionalLong.empty(), OptionalLong.empty());

        @Override
        public String toString() {
            return zxid.isPresent() ? mode + " zxid=0x" + Long.toHexString(zxid.getAsLong()) : mode.toString();
        }
    }

    private FourLetterWords() {
    }

    /**
     * Sends {@code srvr} to 127.0.0.1:{@code clientPort}. A refused or timed-out connection is
     * UNREACHABLE rather than an error, because pollers call this while peers are still starting
     * or after they were killed.
     */
    public static Status srvr(int clientPort) {
        return of(CLIENT.ask(target(clientPort)));
    }

    /** As {@link #srvr(int)} for every port at once, in their order. */
    public static List<Status> srvrAll(List<Integer> clientPorts) {
        return CLIENT.askAll(clientPorts.stream().map(FourLetterWords::target).toList()).stream()
                .map(FourLetterWords::of).toList();
    }

    private static StatusTarget target(int clientPort) {
        return new StatusTarget(OptionalLong.empty(), new io.quorum.api.view.PeerAddress(PeerAddress.HOST, clientPort));
    }

    /** Reads a srvr answer as a peer wrote it. */
    public static Status parse(String answer) {
        return of(Probe.of(new StatusTarget(OptionalLong.empty(), new io.quorum.api.view.PeerAddress(PeerAddress.HOST, 1)),
                answer));
    }

    private static Status of(Probe probe) {
        return switch (probe.outcome()) {
            case SERVING -> serving(probe.answer().orElseThrow());
            case NOT_SERVING -> Status.NOT_SERVING;
            // A connection closed before the answer was written (peer shutting down) is no answer.
            case UNREACHABLE, NO_ANSWER, UNRECOGNISED -> Status.UNREACHABLE;
        };
    }

    private static Status serving(SrvrAnswer answer) {
        Mode mode;
        try {
            mode = Mode.valueOf(answer.mode().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Status.UNREACHABLE; // read-only and other modes no poller waits for
        }
        OptionalLong election = answer.lastElection().map(MILLIS::matcher).filter(Matcher::matches)
                .map(m -> OptionalLong.of(Long.parseLong(m.group(1)))).orElse(OptionalLong.empty());
        return new Status(mode, answer.zxid(), election);
    }
}
