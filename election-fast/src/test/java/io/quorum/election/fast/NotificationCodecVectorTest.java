package io.quorum.election.fast;

import io.quorum.api.election.DecodeResult;
import io.quorum.transport.testing.GoldenVectors;
import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.Zxid;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The codec against every captured FLE notification (PROTOCOL.md section 10, {@code fle-*}). */
class NotificationCodecVectorTest {

    static List<String> fleVectors() {
        return GoldenVectors.names("fle-");
    }

    @Test
    void findsAllFourteenNotificationVectors() {
        assertThat(fleVectors()).hasSize(14);
    }

    @ParameterizedTest
    @MethodSource("fleVectors")
    void decodesEveryHeaderField(String name) {
        GoldenVectors.Vector vector = GoldenVectors.load(name);
        GoldenVectors.Header header = vector.header();
        Notification n = decodeOrFail(vector.framePayload());

        assertThat(n.state().wireValue()).isEqualTo(header.num("state"));
        assertThat(n.state().name()).isEqualTo(header.label("state"));
        assertThat(n.leader()).isEqualTo(header.num("leader"));
        assertThat(n.zxid()).isEqualTo(header.num("zxid"));
        assertThat(n.electionEpoch()).isEqualTo(header.num("electionEpoch"));
        // 3.3.x sends no peerEpoch; receivers derive it from the zxid (section 3.3).
        long peerEpoch = header.has("peerEpoch") ? header.num("peerEpoch") : Zxid.epochOf(n.zxid());
        assertThat(n.peerEpoch()).isEqualTo(peerEpoch);
        assertThat(n.version()).isEqualTo(header.has("version") ? header.num("version") : 0);
        if (header.has("configLength")) {
            assertThat(n.config()).hasValueSatisfying(config -> {
                assertThat(config.length()).isEqualTo(header.num("configLength"));
                assertThat(config.text()).isEqualTo(header.text("config"));
            });
        } else {
            assertThat(n.config()).isEmpty();
        }
        header.assertAllFieldsChecked();
    }

    @ParameterizedTest
    @MethodSource("fleVectors")
    void reEncodesToTheCapturedBytes(String name) {
        byte[] payload = GoldenVectors.load(name).framePayload();

        assertThat(NotificationCodec.encode(decodeOrFail(payload))).isEqualTo(payload);
    }

    @ParameterizedTest
    @MethodSource("fleVectors")
    void recognisesTheSendersFormat(String name) {
        byte[] payload = GoldenVectors.load(name).framePayload();
        NotificationFormat expected = switch (payload.length) {
            case 28 -> NotificationFormat.LEGACY_28;
            case 36 -> NotificationFormat.PEER_EPOCH_36;
            case 40 -> NotificationFormat.VERSIONED_40;
            default -> NotificationFormat.CONFIG_V2;
        };

        assertThat(decodeOrFail(payload).format()).isEqualTo(expected);
    }

    @Test
    void factoriesProduceWhat3414And395Send() {
        Notification sent3414 = decodeOrFail(GoldenVectors.load("fle-3.4.14-40b-following.hex").framePayload());
        Notification sent395 = decodeOrFail(GoldenVectors.load("fle-3.9.5-v2-following.hex").framePayload());

        assertThat(Notification.versioned40(sent3414.state(), sent3414.leader(), sent3414.zxid(),
                sent3414.electionEpoch(), sent3414.peerEpoch())).isEqualTo(sent3414);
        assertThat(Notification.withConfig(sent395.state(), sent395.leader(), sent395.zxid(),
                sent395.electionEpoch(), sent395.peerEpoch(), ConfigData.ofText(sent395.config().orElseThrow().text())))
                .isEqualTo(sent395);
    }

    static Notification decodeOrFail(byte[] payload) {
        DecodeResult<Notification> result = NotificationCodec.decode(payload);
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        return result.toOptional().orElseThrow();
    }
}
