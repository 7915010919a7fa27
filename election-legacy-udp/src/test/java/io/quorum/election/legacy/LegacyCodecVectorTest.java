package io.quorum.election.legacy;

import io.quorum.transport.testing.GoldenVectors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The codec against the captured electionAlg=0 datagrams (PROTOCOL.md section 10, {@code le0-*}). */
class LegacyCodecVectorTest {

    static List<String> responses() {
        return GoldenVectors.names("le0-response-");
    }

    @Test
    void findsTheRequestAndFourResponses() {
        assertThat(GoldenVectors.names("le0-")).hasSize(5);
        assertThat(responses()).hasSize(4);
    }

    @Test
    void decodesAndReEncodesTheRequest() {
        GoldenVectors.Vector vector = GoldenVectors.load("le0-request.hex");
        LegacyRequest request = LegacyCodec.decodeRequest(vector.bytes()).toOptional().orElseThrow();

        assertThat(request.xid()).isEqualTo((int) vector.header().num("xid"));
        vector.header().assertAllFieldsChecked();
        assertThat(LegacyCodec.encodeRequest(request)).isEqualTo(vector.bytes());
    }

    @ParameterizedTest
    @MethodSource("responses")
    void decodesEveryHeaderField(String name) {
        GoldenVectors.Vector vector = GoldenVectors.load(name);
        GoldenVectors.Header header = vector.header();
        LegacyResponse response = LegacyCodec.decodeResponse(vector.bytes()).toOptional().orElseThrow();

        assertThat(response.xid()).isEqualTo((int) header.num("xid"));
        assertThat(response.responderId()).isEqualTo(header.num("responderId"));
        assertThat(response.voteLeader()).isEqualTo(header.num("voteLeader"));
        assertThat(response.voteZxid()).isEqualTo(header.num("voteZxid"));
        // The 8 bytes after the vote are never written by the responder (section 4).
        assertThat(header.raw("trailing8")).isEqualTo("zero");
        assertThat(Arrays.copyOfRange(vector.bytes(), 28, 36)).containsOnly(0);
        header.assertAllFieldsChecked();
    }

    @ParameterizedTest
    @MethodSource("responses")
    void reEncodesToTheCapturedBytes(String name) {
        byte[] bytes = GoldenVectors.load(name).bytes();

        assertThat(bytes).hasSize(LegacyCodec.RESPONSE_LENGTH);
        assertThat(LegacyCodec.encodeResponse(LegacyCodec.decodeResponse(bytes).toOptional().orElseThrow()))
                .isEqualTo(bytes);
    }

    @ParameterizedTest
    @MethodSource("responses")
    void theRequesterReadsOnlyTheFirst28Bytes(String name) {
        byte[] bytes = GoldenVectors.load(name).bytes();
        byte[] read = Arrays.copyOf(bytes, LegacyCodec.RESPONSE_READ_LENGTH);

        assertThat(LegacyCodec.decodeResponse(read).toOptional()).isEqualTo(LegacyCodec.decodeResponse(bytes).toOptional());
    }
}
