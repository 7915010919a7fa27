package io.quorum.election.fast;

import io.quorum.transport.testing.GoldenVectors;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.LearnerType;
import io.quorum.api.ServerState;
import io.quorum.api.Vote;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden vectors: our encoding of the same vote, with the config text {@link ConfigString} renders
 * from a view that matches the captured ensemble, equals the 3.9.5 bytes (PROTOCOL.md 3.1, 3.2).
 * The views are written out by hand, not parsed from the vectors.
 */
class NotificationGoldenEncodingTest {

    /**
     * Servers 1..3 on 127.0.0.1: quorum port {@code quorumBase + sid}, election port
     * {@code electionBase + sid}, a {@code ;client} part at {@code clientBase + sid} unless
     * clientBase is 0, and the given observers.
     */
    private static QuorumView ensemble(int quorumBase, int electionBase, int clientBase, long... observers) {
        List<QuorumServer> servers = new ArrayList<>();
        for (int sid = 1; sid <= 3; sid++) {
            boolean observer = sid == (observers.length > 0 ? observers[0] : -1);
            Optional<PeerAddress> client = clientBase == 0 ? Optional.empty()
                    : Optional.of(new PeerAddress("127.0.0.1", clientBase + sid));
            servers.add(new QuorumServer(sid, new PeerAddress("127.0.0.1", quorumBase + sid),
                    Optional.of(new PeerAddress("127.0.0.1", electionBase + sid)), client,
                    observer ? LearnerType.OBSERVER : LearnerType.PARTICIPANT));
        }
        return QuorumView.majority(servers);
    }

    static Stream<Arguments> vectors() {
        QuorumView clientAddr = ensemble(13_110, 13_210, 13_310);
        long min = Long.MIN_VALUE;
        return Stream.of(
                Arguments.of("fle-3.9.5-v2-looking-reelection.hex", ensemble(13_460, 13_470, 0),
                        new Vote(3, 0x1_0000_0006L, 2, 1, ServerState.LOOKING, 2)),
                Arguments.of("fle-3.9.5-v2-looking-staticclient.hex", ensemble(13_150, 13_250, 0),
                        new Vote(2, 0, 1, 0, ServerState.LOOKING, 2)),
                Arguments.of("fle-3.9.5-v2-looking-clientaddr.hex", clientAddr, new Vote(2, 0, 1, 0, ServerState.LOOKING, 2)),
                Arguments.of("fle-3.9.5-v2-following.hex", clientAddr, new Vote(2, 0, 1, 1, ServerState.FOLLOWING, 2)),
                Arguments.of("fle-3.9.5-v2-leading.hex", clientAddr, new Vote(2, 0, 1, 1, ServerState.LEADING, 2)),
                Arguments.of("fle-3.9.5-v2-observer-looking.hex", ensemble(13_400, 13_410, 13_420, 3),
                        new Vote(min, min, 1, min, ServerState.LOOKING, 2)));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void ourEncodingOfTheSameVoteEqualsThe395Bytes(String name, QuorumView view, Vote vote) {
        byte[] captured = GoldenVectors.load(name).framePayload();

        byte[] ours = new NotificationWriter(ConfigString.render(view)).write(vote);

        assertThat(ours).isEqualTo(captured);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theRenderedConfigIsTheCapturedConfigText(String name, QuorumView view, Vote vote) {
        GoldenVectors.Header header = GoldenVectors.load(name).header();

        assertThat(ConfigString.render(view)).isEqualTo(header.text("config"));
    }
}
