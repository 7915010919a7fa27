package io.quorum.election.auth;

import io.quorum.transport.testing.GoldenVectors;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.ServerState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The codec against the captured alg 1/2 datagrams (PROTOCOL.md section 10, {@code afle-*}). */
class AuthCodecVectorTest {
    /** The names the vector headers give each type. */
    private static final Map<MessageType, String> LABELS = Map.of(
            MessageType.CHALLENGE_REQUEST, "crequest",
            MessageType.CHALLENGE, "challenge",
            MessageType.NOTIFICATION, "notification",
            MessageType.ACK, "ack");

    static List<String> vectors() {
        return GoldenVectors.names("afle-");
    }

    @Test
    void findsAllSevenVectors() {
        assertThat(vectors()).hasSize(7);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesEveryHeaderField(String name) {
        GoldenVectors.Vector vector = GoldenVectors.load(name);
        GoldenVectors.Header header = vector.header();
        AuthMessage message = AuthCodec.decode(vector.bytes()).toOptional().orElseThrow();

        assertThat(message.type().wireValue()).isEqualTo(header.num("type"));
        assertThat(LABELS.get(message.type())).isEqualTo(header.label("type"));
        assertThat(message.tag()).isEqualTo(header.num("tag"));
        // The header gives the sender's ordinal, which is what we decode (see AuthCodec).
        assertThat(message.state().wireValue()).isEqualTo(header.num("state"));
        assertThat(header.label("state")).endsWith(": " + message.state().name());
        checkBody(message, header, vector.bytes());
        header.assertAllFieldsChecked();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void reEncodesToTheCapturedBytes(String name) {
        // Unused bytes are zero in every capture, so the vectors round-trip whole.
        byte[] bytes = GoldenVectors.load(name).bytes();

        assertThat(AuthCodec.encode(AuthCodec.decode(bytes).toOptional().orElseThrow())).isEqualTo(bytes);
    }

    @Test
    void aFollowersAckIsReadAsLeadingBy3414() {
        // afle-alg1-ack-following: the 3.4.14 receiver decodes ordinal 1 as LEADING (section 0 item 7).
        AuthMessage ack = AuthCodec.decode(GoldenVectors.load("afle-alg1-ack-following.hex").bytes()).toOptional().orElseThrow();

        assertThat(ack.state()).isEqualTo(ServerState.FOLLOWING);
        assertThat(AuthCodec.stateAsRead3414(ack.state())).contains(ServerState.LEADING);
    }

    private static void checkBody(AuthMessage message, GoldenVectors.Header header, byte[] bytes) {
        if (message instanceof AuthMessage.ChallengeRequest) {
            assertThat(Arrays.copyOfRange(bytes, 16, 48)).containsOnly(0);
        } else if (message instanceof AuthMessage.Challenge c) {
            assertThat(c.challenge()).isEqualTo(header.num("challenge"));
            assertThat(Arrays.copyOfRange(bytes, 24, 48)).containsOnly(0);
        } else if (message instanceof AuthMessage.Notification n) {
            assertThat(new long[] {n.leader(), n.zxid(), n.epoch(), n.challenge()})
                    .containsExactly(header.num("leader"), header.num("zxid"), header.num("epoch"), header.num("last8"));
        } else if (message instanceof AuthMessage.Ack a) {
            assertThat(new long[] {a.leader(), a.zxid(), a.epoch(), 0})
                    .containsExactly(header.num("leader"), header.num("zxid"), header.num("epoch"), header.num("last8"));
        }
    }
}
