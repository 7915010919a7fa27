package io.quorum.peer.persist;

import io.quorum.api.Zxid;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a log file. A file starts with an 8-byte header (magic, version) and is
 * followed by records: zxid (8 bytes), payload length (4), payload, CRC32C (4) over the zxid, the
 * length and the payload. Big-endian throughout. Files are named {@code log.<hex first zxid>}, as
 * ZooKeeper names its logs.
 */
final class TxnLogFormat {
    /** "QLOG" in ASCII. */
    static final int MAGIC = 0x514C4F47;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;
    /** Bytes of a record besides its payload: zxid, length, checksum. */
    static final int RECORD_OVERHEAD = 8 + 4 + 4;
    /** A record's zxid and length, which come before its payload. */
    static final int RECORD_PREFIX = 8 + 4;
    static final int DEFAULT_MAX_PAYLOAD = 64 << 20;
    static final String FILE_PREFIX = "log.";

    private TxnLogFormat() {
    }

    static String fileName(long firstZxid) {
        return FILE_PREFIX + Long.toHexString(firstZxid);
    }

    /** The first zxid named by a log file name, or empty if the name is not a log file's. */
    static Optional<Long> firstZxidOf(String fileName) {
        if (!fileName.startsWith(FILE_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Zxid.parseHex(fileName.substring(FILE_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static ByteBuffer header() {
        return ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
    }

    static ByteBuffer encode(long zxid, byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(RECORD_OVERHEAD + payload.length);
        record.putLong(zxid).putInt(payload.length).put(payload);
        record.putInt(checksum(zxid, payload.length, payload));
        return record.flip();
    }

    static int checksum(long zxid, int length, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(RECORD_PREFIX).putLong(zxid).putInt(length).flip());
        crc.update(payload);
        return (int) crc.getValue();
    }
}
