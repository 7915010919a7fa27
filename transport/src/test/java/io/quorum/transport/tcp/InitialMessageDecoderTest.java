package io.quorum.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.view.PeerAddress;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InitialMessageDecoderTest {

    @Test
    void acceptsTheBareSidOf34() throws Exception {
        assertThat(InitialMessageDecoder.decode(ByteBuffer.allocate(8).putLong(7).array()))
                .isEqualTo(InitialMessage.sidOnly(7));
    }

    @Test
    void acceptsMultiAddressV2AndIpv6InBrackets() throws Exception {
        InitialMessage message = InitialMessageDecoder.decode(versioned(InitialMessage.PROTOCOL_V2, 3, "a:1|[::1]:2|10.0.0.1:3"));

        assertThat(message.form()).isEqualTo(InitialMessage.Form.V2);
        assertThat(message.addresses()).containsExactly(
                new PeerAddress("a", 1), new PeerAddress("::1", 2), new PeerAddress("10.0.0.1", 3));
        assertThat(message.encode()).isEqualTo(versioned(InitialMessage.PROTOCOL_V2, 3, "a:1|[::1]:2|10.0.0.1:3"));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -65_537, -65_534, Long.MIN_VALUE})
    void rejectsUnknownProtocolVersions(long version) {
        assertThatThrownBy(() -> InitialMessageDecoder.decode(versioned(version, 1, "h:1")))
                .isInstanceOf(InitialMessageException.class).hasMessageContaining("protocol version");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 2049, 1 << 20, Integer.MAX_VALUE})
    void rejectsAddressLengthsOutside1To2048BeforeReadingThem(int length) {
        byte[] header = ByteBuffer.allocate(20).putLong(InitialMessage.PROTOCOL_V1).putLong(1).putInt(length).array();

        assertThatThrownBy(() -> InitialMessageDecoder.decode(header))
                .isInstanceOf(InitialMessageException.class).hasMessageContaining("address length");
    }

    @Test
    void rejectsAOneMebibyteHostString() {
        String host = "h".repeat(1 << 20) + ":1";

        assertThatThrownBy(() -> InitialMessageDecoder.decode(versioned(InitialMessage.PROTOCOL_V1, 1, host)))
                .isInstanceOf(InitialMessageException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nocolon", ":1", "h:", "h:65536", "h:-1", "h:1x", "::1:5", "[::1]5", "[::1:5", "h :1", "a:1||b:2", "|a:1"})
    void rejectsAddressesThatAreNotHostPort(String address) {
        assertThatThrownBy(() -> InitialMessageDecoder.decode(versioned(InitialMessage.PROTOCOL_V1, 1, address)))
                .isInstanceOf(InitialMessageException.class);
    }

    @Test
    void rejectsMalformedUtf8() {
        byte[] bytes = ByteBuffer.allocate(23).putLong(InitialMessage.PROTOCOL_V1).putLong(1).putInt(3)
                .put(new byte[] {(byte) 0xC3, '(', ':'}).array();

        assertThatThrownBy(() -> InitialMessageDecoder.decode(bytes))
                .isInstanceOf(InitialMessageException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void readsNonAsciiHostsAsUtf8() throws Exception {
        InitialMessage message = InitialMessageDecoder.decode(versioned(InitialMessage.PROTOCOL_V1, 1, "hôte:5"));

        assertThat(message.addresses()).containsExactly(new PeerAddress("hôte", 5));
    }

    @Test
    void truncatedMessagesAreEndsOfStream() {
        byte[] whole = versioned(InitialMessage.PROTOCOL_V1, 1, "127.0.0.1:1");
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> InitialMessageDecoder.decode(part)).as("cut at %d", cut).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void recognisesWildcardHosts() {
        assertThat(List.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0", "::0")).allMatch(HostPort::isWildcard);
        assertThat(List.of("127.0.0.1", "::1", "localhost", "10.0.0.0")).noneMatch(HostPort::isWildcard);
    }

    @Test
    void tenThousandSeededRandomMessagesEitherDecodeAndRoundTripOrFailCleanly() {
        SplittableRandom random = new SplittableRandom(20_240_611L);
        int decoded = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] input = RandomInitialMessages.next(random);
            try {
                InitialMessage message = InitialMessageDecoder.decode(input);
                decoded++;
                assertThat(InitialMessageDecoder.decode(message.encode())).isEqualTo(message);
            } catch (IOException expected) {
                assertThat(expected).isInstanceOfAny(InitialMessageException.class, EOFException.class);
            }
        }
        assertThat(decoded).as("the generator also produces valid messages").isGreaterThan(1_000);
    }

    static byte[] versioned(long version, long sid, String address) {
        byte[] bytes = address.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(20 + bytes.length).putLong(version).putLong(sid).putInt(bytes.length).put(bytes).array();
    }
}
