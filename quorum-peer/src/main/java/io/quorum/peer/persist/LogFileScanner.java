package io.quorum.peer.persist;

import io.quorum.api.Zxid;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads one log file from the start and stops at the first record it cannot trust. It reports
 * where the good prefix ends and why it stopped; deciding whether to cut is the caller's job.
 */
final class LogFileScanner {

    /**
     * What a scan found.
     *
     * @param goodEnd the offset just past the last good record (0 if the header is unusable)
     * @param lastZxid the zxid of the last good record, or the previous file's if none
     * @param records how many good records the file holds
     * @param size the file's size when scanned
     * @param problem why the scan stopped early, or null if the whole file is good
     */
    record Result(long goodEnd, long lastZxid, int records, long size, String problem) {
        boolean clean() {
            return problem == null;
        }
    }

    private final Path file;
    private final long firstZxid;
    private final int maxPayload;

    LogFileScanner(Path file, long firstZxid, int maxPayload) {
        this.file = file;
        this.firstZxid = firstZxid;
        this.maxPayload = maxPayload;
    }

    /** Scans the file, handing each good record to {@code sink}. */
    Result scan(long previousZxid, Consumer<TxnRecord> sink) throws IOException {
        long size = Files.size(file);
        if (size < TxnLogFormat.HEADER_BYTES) {
            return new Result(0, previousZxid, 0, size, "torn file header (" + size + " bytes)");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String headerProblem = checkHeader(in.readInt(), in.readInt());
            if (headerProblem != null) {
                return new Result(0, previousZxid, 0, size, headerProblem);
            }
            return scanRecords(in, size, previousZxid, sink);
        }
    }

    /** A zero-filled header is a file created just before a crash; any other mismatch is foreign. */
    private String checkHeader(int magic, int version) throws CorruptTxnLogException {
        if (magic == 0 && version == 0) {
            return "zero-filled file header";
        }
        if (magic != TxnLogFormat.MAGIC) {
            throw new CorruptTxnLogException(file, 0, "bad magic 0x" + Integer.toHexString(magic));
        }
        if (version != TxnLogFormat.VERSION) {
            throw new CorruptTxnLogException(file, 4, "unsupported version " + version);
        }
        return null;
    }

    private Result scanRecords(DataInputStream in, long size, long previousZxid, Consumer<TxnRecord> sink)
            throws IOException {
        long position = TxnLogFormat.HEADER_BYTES;
        long lastZxid = previousZxid;
        int records = 0;
        while (position < size) {
            long remaining = size - position;
            if (remaining < TxnLogFormat.RECORD_PREFIX) {
                return stop(position, lastZxid, records, size, "torn record header (" + remaining + " bytes)");
            }
            long zxid = in.readLong();
            int length = in.readInt();
            if (length < 0 || length > maxPayload) {
                return stop(position, lastZxid, records, size, "bad payload length " + length);
            }
            if (TxnLogFormat.RECORD_OVERHEAD + (long) length > remaining) {
                return stop(position, lastZxid, records, size,
                        "torn record (" + (TxnLogFormat.RECORD_OVERHEAD + length) + " bytes needed, "
                                + remaining + " left)");
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            int checksum = in.readInt();
            String problem = checkRecord(zxid, length, payload, checksum, lastZxid, records);
            if (problem != null) {
                return stop(position, lastZxid, records, size, problem);
            }
            sink.accept(new TxnRecord(zxid, payload));
            position += TxnLogFormat.RECORD_OVERHEAD + length;
            lastZxid = zxid;
            records++;
        }
        return new Result(position, lastZxid, records, size, null);
    }

    private String checkRecord(long zxid, int length, byte[] payload, int checksum, long lastZxid, int records) {
        if (checksum != TxnLogFormat.checksum(zxid, length, payload)) {
            return "checksum mismatch";
        }
        if (records == 0 && zxid != firstZxid) {
            return "first zxid " + Zxid.toHex(zxid) + " does not match the file name";
        }
        if (zxid <= lastZxid) {
            return "zxid " + Zxid.toHex(zxid) + " does not follow " + Zxid.toHex(lastZxid);
        }
        return null;
    }

    private static Result stop(long position, long lastZxid, int records, long size, String problem) {
        return new Result(position, lastZxid, records, size, problem);
    }
}
