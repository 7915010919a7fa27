package io.quorum.peer.persist;

import io.quorum.api.Zxid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction log as files {@code dataLogDir/version-2/log.<hex first zxid>} (see {@link
 * TxnLogFormat}). Appends are forced before they return. A file rolls over to a new one once it
 * passes the roll size; the full file is forced before its successor is created, so only the last
 * file can have a torn tail.
 *
 * <p>Opening recovers the log. The last file is cut at its first bad record (short, bad length,
 * checksum mismatch, zxid out of order), with a WARN naming the file, the offset and the bytes
 * cut; a last file left without records is deleted, so the next append starts a file named after
 * its own zxid. Damage in any earlier file is a {@link CorruptTxnLogException}: cutting there
 * would silently drop transactions that were acknowledged.
 *
 * <p>Not thread-safe beyond its own monitor: every public method is synchronized.
 */
public final class FileTxnLog implements TxnLog {
    /** Roll to a new file after this many bytes, as ZooKeeper's default of 64 MiB. */
    public static final long DEFAULT_ROLL_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(FileTxnLog.class);

    private final Path dir;
    private final long rollBytes;
    private final int maxPayload;
    private long lastZxid;
    private FileChannel current;
    private long currentSize;
    private IOException failure;
    private boolean closed;

    private FileTxnLog(Path dir, long rollBytes, int maxPayload) {
        this.dir = dir;
        this.rollBytes = rollBytes;
        this.maxPayload = maxPayload;
    }

    /** Opens and recovers the log under {@code dataLogDir/version-2}, creating it if needed. */
    public static FileTxnLog open(Path dataLogDir) throws IOException {
        return open(dataLogDir, DEFAULT_ROLL_BYTES);
    }

    /** As {@link #open(Path)}, rolling files after {@code rollBytes} bytes. */
    public static FileTxnLog open(Path dataLogDir, long rollBytes) throws IOException {
        return open(dataLogDir, rollBytes, TxnLogFormat.DEFAULT_MAX_PAYLOAD);
    }

    static FileTxnLog open(Path dataLogDir, long rollBytes, int maxPayload) throws IOException {
        if (rollBytes <= 0 || maxPayload < 0) {
            throw new IllegalArgumentException("rollBytes and maxPayload must be positive");
        }
        Path dir = dataLogDir.resolve(FileEpochStore.VERSION_DIR);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            DurableFiles.syncDirectory(dataLogDir);
        }
        FileTxnLog log = new FileTxnLog(dir, rollBytes, maxPayload);
        log.recover();
        return log;
    }

    /** The {@code version-2} directory holding the log files. */
    public Path directory() {
        return dir;
    }

    private void recover() throws IOException {
        List<Map.Entry<Long, Path>> files = new ArrayList<>(logFiles().entrySet());
        long previous = Zxid.ZERO;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i).getValue();
            LogFileScanner.Result result = new LogFileScanner(file, files.get(i).getKey(), maxPayload)
                    .scan(previous, record -> { });
            boolean last = i == files.size() - 1;
            if (!result.clean() && !last) {
                throw new CorruptTxnLogException(file, result.goodEnd(), result.problem());
            }
            previous = result.lastZxid();
            if (last) {
                recoverLastFile(file, result);
            }
        }
        lastZxid = previous;
        LOG.info("Transaction log {} recovered; last zxid {}", dir, Zxid.toHex(lastZxid));
    }

    private void recoverLastFile(Path file, LogFileScanner.Result result) throws IOException {
        if (result.records() == 0) {
            LOG.warn("Deleting {} ({} bytes): it holds no complete record{}", file, result.size(),
                    result.clean() ? "" : " (" + result.problem() + ")");
            DurableFiles.delete(file);
            return;
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        if (!result.clean()) {
            LOG.warn("Cut {} bytes from {} at offset {}: {}", result.size() - result.goodEnd(), file,
                    result.goodEnd(), result.problem());
            channel.truncate(result.goodEnd());
            channel.force(true);
        }
        current = channel;
        currentSize = result.goodEnd();
    }

    /** The log files by first zxid; other files in the directory (snapshots, temp files) are ignored. */
    private Map<Long, Path> logFiles() throws IOException {
        Map<Long, Path> files = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(path -> TxnLogFormat.firstZxidOf(path.getFileName().toString())
                    .ifPresent(zxid -> files.put(zxid, path)));
        }
        return files;
    }

    @Override
    public synchronized long lastZxid() {
        return lastZxid;
    }

    @Override
    public synchronized void append(long zxid, byte[] payload) throws IOException {
        checkWritable();
        if (zxid <= lastZxid) {
            throw new IllegalArgumentException("zxid " + Zxid.toHex(zxid) + " does not follow the last logged zxid "
                    + Zxid.toHex(lastZxid));
        }
        if (payload.length > maxPayload) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds " + maxPayload);
        }
        ByteBuffer record = TxnLogFormat.encode(zxid, payload);
        try {
            rollIfNeeded(zxid, record.remaining());
            DurableFiles.writeFully(current, record, currentSize);
            sync();
        } catch (IOException e) {
            // After a failed write or fsync the file's state is unknown (and a retried fsync can
            // report success for lost data), so the log refuses further appends; reopening it
            // recovers whatever reached the disk.
            failure = e;
            throw e;
        }
        currentSize += TxnLogFormat.RECORD_OVERHEAD + payload.length;
        lastZxid = zxid;
    }

    @Override
    public synchronized void truncateAfter(long zxid) throws IOException {
        checkWritable();
        if (zxid >= lastZxid) {
            return;
        }
        if (current != null) {
            current.close();
            current = null;
        }
        // Newest file first, so that the log is a prefix of itself after every step.
        List<Map.Entry<Long, Path>> files = new ArrayList<>(logFiles().entrySet());
        Collections.reverse(files);
        for (Map.Entry<Long, Path> file : files) {
            if (file.getKey() > zxid) {
                DurableFiles.delete(file.getValue());
                DurableFiles.syncDirectory(dir);
            } else {
                cutAfter(file.getValue(), file.getKey(), zxid);
                break;
            }
        }
        LOG.info("Transaction log {} truncated after {}", dir, Zxid.toHex(zxid));
        recover();
    }

    /** Cuts one file just past its last record with a zxid of at most {@code zxid}. */
    private void cutAfter(Path file, long firstZxid, long zxid) throws IOException {
        long[] keep = {TxnLogFormat.HEADER_BYTES};
        new LogFileScanner(file, firstZxid, maxPayload).scan(Zxid.ZERO, record -> {
            if (record.zxid() <= zxid) {
                keep[0] += TxnLogFormat.RECORD_OVERHEAD + record.payload().length;
            }
        });
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(keep[0]);
            channel.force(true);
        }
    }

    /** Forces the current file. Data only, as ZooKeeper does: the size is part of what fdatasync keeps. */
    private void sync() throws IOException {
        current.force(false);
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("transaction log " + dir + " is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("transaction log " + dir + " failed earlier; reopen it to recover",
                    failure);
        }
    }

    private void rollIfNeeded(long zxid, int recordBytes) throws IOException {
        boolean full = current != null && currentSize > TxnLogFormat.HEADER_BYTES
                && currentSize + recordBytes > rollBytes;
        if (current != null && !full) {
            return;
        }
        if (current != null) {
            // Every record in it was forced by its append; closing is all that is left.
            current.close();
            current = null;
        }
        current = createFile(dir.resolve(TxnLogFormat.fileName(zxid)));
        currentSize = TxnLogFormat.HEADER_BYTES;
    }

    private static FileChannel createFile(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            DurableFiles.writeFully(channel, TxnLogFormat.header(), 0);
            channel.force(true);
            DurableFiles.syncDirectory(file.getParent());
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public synchronized List<TxnRecord> readAfter(long zxid) throws IOException {
        List<TxnRecord> records = new ArrayList<>();
        long previous = Zxid.ZERO;
        for (Map.Entry<Long, Path> file : logFiles().entrySet()) {
            LogFileScanner.Result result = new LogFileScanner(file.getValue(), file.getKey(), maxPayload)
                    .scan(previous, record -> {
                        if (record.zxid() > zxid) {
                            records.add(record);
                        }
                    });
            if (!result.clean()) {
                throw new CorruptTxnLogException(file.getValue(), result.goodEnd(), result.problem());
            }
            previous = result.lastZxid();
        }
        return records;
    }

    @Override
    public String location() {
        return dir.toString();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
