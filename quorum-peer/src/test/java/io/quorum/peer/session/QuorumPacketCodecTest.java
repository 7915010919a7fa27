package io.quorum.peer.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.api.election.DecodeResult;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Rejections, streaming and the LearnerInfo forms of PROTOCOL.md section 6.1. */
class QuorumPacketCodecTest {
    private final QuorumPacketCodec codec = QuorumPacketCodec.standard();

    @Test
    void encodesTheSectionSixOneUptodateExample() {
        byte[] bytes = QuorumPacketCodec.encode(QuorumPacket.of(PacketType.UPTODATE, -1, null));

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("0000000cffffffffffffffffffffffffffffffff");
    }

    @Test
    void emptyDataIsNotNull() {
        QuorumPacket empty = QuorumPacket.of(PacketType.PING, 1, new byte[0]);

        assertThat(codec.decode(QuorumPacketCodec.encode(empty)).toOptional()).contains(empty);
        assertThat(empty).isNotEqualTo(QuorumPacket.of(PacketType.PING, 1, null));
    }

    @Test
    void rejectsNegativeLengthsOtherThanMinusOne() {
        byte[] bytes = ByteBuffer.allocate(20).putInt(5).putLong(0).putInt(-2).putInt(-1).array();

        assertThat(rejection(codec.decode(bytes))).contains("negative data length -2");
    }

    @Test
    void rejectsDataOverTheCapBeforeItArrives() {
        ByteBuffer header = ByteBuffer.allocate(16).putInt(2).putLong(0).putInt((1 << 20) + 1).flip();

        assertThat(codec.decodeNext(header)).hasValueSatisfying(r -> assertThat(rejection(r)).contains("over the cap"));
    }

    @Test
    void rejectsABigAuthinfoVectorButSkipsASmallOne() {
        ByteBuffer big = ByteBuffer.allocate(20).putInt(3).putLong(0).putInt(-1).putInt(1_000_000);
        assertThat(rejection(codec.decode(big.array()))).contains("authinfo vector count 1000000");

        byte[] scheme = "digest".getBytes();
        ByteBuffer small = ByteBuffer.allocate(20 + 4 + scheme.length + 4)
                .putInt(3).putLong(7).putInt(-1).putInt(1).putInt(scheme.length).put(scheme).putInt(-1);
        assertThat(codec.decode(small.array()).toOptional()).contains(QuorumPacket.of(PacketType.ACK, 7, null));
    }

    @Test
    void decodesPacketsBackToBackAndLeavesAPartialOne() {
        byte[] ping = QuorumPacketCodec.encode(QuorumPacket.of(PacketType.PING, 0x100000000L, null));
        byte[] uptodate = QuorumPacketCodec.encode(QuorumPacket.of(PacketType.UPTODATE, -1, null));
        ByteBuffer in = ByteBuffer.allocate(64).put(ping).put(uptodate).put(ping, 0, 5).flip();

        assertThat(codec.decodeNext(in).flatMap(r -> r.toOptional()).map(QuorumPacket::type)).contains(5);
        assertThat(codec.decodeNext(in).flatMap(r -> r.toOptional()).map(QuorumPacket::type)).contains(12);
        assertThat(codec.decodeNext(in)).isEmpty();
        assertThat(in.remaining()).isEqualTo(5);
    }

    @Test
    void tenThousandGarbageInputsNeverThrow() {
        SplittableRandom random = new SplittableRandom(20240611L);
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = garbage(random);
            ByteBuffer in = ByteBuffer.wrap(garbage);
            Optional<DecodeResult<QuorumPacket>> result;
            while ((result = codec.decodeNext(in)).isPresent() && result.get().isDecoded()) {
                decoded++;
            }
            rejected += result.isPresent() ? 1 : 0;
            assertThat(in.position()).isBetween(0, garbage.length);
            LearnerInfo.decode(garbage);
        }
        assertThat(decoded).isPositive();
        assertThat(rejected).isPositive();
    }

    @Test
    void learnerInfoFormsOfSectionSixOne() {
        assertThat(LearnerInfo.decode(ByteBuffer.allocate(8).putLong(4).array()).toOptional())
                .contains(new LearnerInfo(4, LearnerInfo.PRE_ZAB_1_0, OptionalLong.empty()));
        assertThat(LearnerInfo.decode(LearnerInfo.v34(5).encode()).toOptional()).contains(LearnerInfo.v34(5));
        assertThat(LearnerInfo.decode(LearnerInfo.v39(6, 0x200000003L).encode()).toOptional())
                .contains(LearnerInfo.v39(6, 0x200000003L));
        assertThat(LearnerInfo.v34(1).encode()).hasSize(12);
        assertThat(LearnerInfo.v39(1, 0).encode()).hasSize(20);
        assertThat(LearnerInfo.decode(new byte[7]).isDecoded()).isFalse();
        assertThat(LearnerInfo.decode(null).isDecoded()).isFalse();
    }

    /** Half pure noise, half a plausible header with a random length, type and tail. */
    private static byte[] garbage(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(0, 64)];
        random.nextBytes(bytes);
        if (random.nextBoolean() && bytes.length >= 16) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            b.putInt(random.nextInt(0, 20)).putLong(random.nextLong()).putInt(random.nextInt(-3, 40));
            if (bytes.length >= 20 && random.nextBoolean()) {
                b.position(bytes.length - 4);
                b.putInt(random.nextInt(-3, 3));
            }
        }
        return bytes;
    }

    private static String rejection(DecodeResult<QuorumPacket> result) {
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected<QuorumPacket>) result).reason();
    }
}
