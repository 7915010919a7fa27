package io.quorum.peer.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The snapshot stream after SNAP (PROTOCOL.md section 6.2, type 15), in the layout of {@link SnapshotFormat}. */
class SnapshotSkipperTest {

    /**
     * Two sessions, one cached ACL list of two ACLs (one with a null id), and nodes whose data and
     * paths contain the signature's bytes: only a real parse finds where the stream ends.
     */
    static byte[] busySnapshot() {
        Jute out = new Jute();
        out.i(2).l(0x1000001L).i(30_000).l(0x1000002L).i(4_000);
        out.i(1).l(1L).i(2).i(31).s("world").s("anyone").i(1).s("digest").s(null);
        node(out, "", new byte[0], -1L);
        node(out, "/zookeeper", null, -1L);
        node(out, "/BenWasHere", ByteBuffer.allocate(14).putInt(10).put(SnapshotFormat.SIGNATURE.getBytes()).array(), 1L);
        node(out, "/a", "/".getBytes(StandardCharsets.UTF_8), 1L);
        out.s("/").s(SnapshotFormat.SIGNATURE);
        return out.bytes.toByteArray();
    }

    private static void node(Jute out, String path, byte[] data, long acl) {
        out.s(path);
        if (data == null) {
            out.i(-1);
        } else {
            out.i(data.length).raw(data);
        }
        out.l(acl).raw(new byte[60]);
    }

    @Test
    void skipsABusySnapshotArrivingByteByByte() {
        // As a driver does: unconsumed bytes stay in the buffer, which is compacted and appended to.
        byte[] snapshot = busySnapshot();
        SnapshotSkipper skipper = new SnapshotSkipper(1 << 20);
        ByteBuffer buffer = ByteBuffer.allocate(16);
        SnapshotSkipper.Progress progress = null;
        for (int i = 0; i < snapshot.length; i++) {
            assertThat(progress).as("byte %d", i).isIn(null, SnapshotSkipper.Progress.NEED_MORE);
            buffer.put(snapshot[i]).flip();
            progress = skipper.feed(buffer);
            buffer.compact();
        }

        assertThat(progress).isEqualTo(SnapshotSkipper.Progress.DONE);
        assertThat(buffer.position()).isZero();
        assertThat(skipper.nodes()).isEqualTo(4);
    }

    @Test
    void stopsRightAfterTheSignature() {
        byte[] snapshot = busySnapshot();
        ByteBuffer in = ByteBuffer.allocate(snapshot.length + 3).put(snapshot).put(new byte[] {7, 8, 9}).flip();

        assertThat(new SnapshotSkipper(1 << 20).feed(in)).isEqualTo(SnapshotSkipper.Progress.DONE);
        assertThat(in.remaining()).isEqualTo(3);
    }

    @Test
    void ourEmptyTreeRoundTripsThroughTheSkipper() {
        SnapshotSkipper skipper = new SnapshotSkipper(1 << 20);
        ByteBuffer in = ByteBuffer.wrap(SnapshotFormat.emptyTree());

        assertThat(skipper.feed(in)).isEqualTo(SnapshotSkipper.Progress.DONE);
        assertThat(in.hasRemaining()).isFalse();
        assertThat(skipper.nodes()).isEqualTo(3);
    }

    @Test
    void rejectsAWrongSignatureAndHugeLengths() {
        byte[] bad = new Jute().i(0).i(0).s("/").s("BenWasThere").bytes.toByteArray();
        SnapshotSkipper skipper = new SnapshotSkipper(1 << 20);
        assertThat(skipper.feed(ByteBuffer.wrap(bad))).isEqualTo(SnapshotSkipper.Progress.REJECTED);
        assertThat(skipper.rejection()).contains("BenWasHere");

        byte[] huge = new Jute().i(0).i(0).i(Integer.MAX_VALUE).bytes.toByteArray();
        assertThat(new SnapshotSkipper(1 << 20).feed(ByteBuffer.wrap(huge))).isEqualTo(SnapshotSkipper.Progress.REJECTED);
        byte[] negative = new Jute().i(-5).bytes.toByteArray();
        assertThat(new SnapshotSkipper(1 << 20).feed(ByteBuffer.wrap(negative))).isEqualTo(SnapshotSkipper.Progress.REJECTED);
    }

    @Test
    void tenThousandGarbageStreamsNeverThrow() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = new byte[random.nextInt(0, 200)];
            random.nextBytes(garbage);
            if (garbage.length > 8 && random.nextBoolean()) {
                ByteBuffer.wrap(garbage).putInt(random.nextInt(0, 3)).putInt(random.nextInt(0, 3));
            }
            SnapshotSkipper skipper = new SnapshotSkipper(4096);
            ByteBuffer in = ByteBuffer.wrap(garbage);
            skipper.feed(in);
            assertThat(in.position()).isBetween(0, garbage.length);
        }
    }

    /** A tiny jute writer for building streams in tests. */
    private static final class Jute {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Jute i(int v) {
            return raw(ByteBuffer.allocate(4).putInt(v).array());
        }

        Jute l(long v) {
            return raw(ByteBuffer.allocate(8).putLong(v).array());
        }

        Jute s(String v) {
            if (v == null) {
                return i(-1);
            }
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            return i(b.length).raw(b);
        }

        Jute raw(byte[] b) {
            bytes.write(b, 0, b.length);
            return this;
        }
    }
}
