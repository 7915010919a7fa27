package io.quorum.peer.persist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch files as ZooKeeper keeps them: {@code dataDir/version-2/currentEpoch},
 * {@code acceptedEpoch} (decimal ASCII, no newline) and the empty {@code updatingEpoch} marker.
 *
 * <p>Leftover temp files, from a write that died before its rename, are handled on open:
 * <ul>
 *   <li>The renamed file is the only committed value; a temp file never replaces it by itself.
 *   <li>{@code acceptedEpoch.tmp} is deleted: the write never returned, so the peer never acted
 *       on it (it sends ACKEPOCH only after the setter returns).
 *   <li>{@code currentEpoch.tmp} is deleted too, unless it holds a clean decimal newer than the
 *       committed {@code currentEpoch}. Then it is kept, and offered through {@link
 *       #interruptedCurrentEpochWrite()}, until recovery has decided; {@link DataDirRecovery}
 *       adopts it only when the transaction log proves the same epoch (ZooKeeper 3.9.5 uses the
 *       temp file's value; we also demand that the log agree, because an unforced temp file can
 *       hold a torn prefix such as {@code 1} of {@code 12}).
 * </ul>
 * Keeping that one temp file until recovery finishes, instead of deleting it on open, means a
 * crash between open and recovery cannot destroy the evidence the next start needs.
 */
public final class FileEpochStore implements EpochStore {
    /** ZooKeeper's snapshot directory, where the epoch files live. */
    public static final String VERSION_DIR = "version-2";
    public static final String CURRENT_EPOCH = "currentEpoch";
    public static final String ACCEPTED_EPOCH = "acceptedEpoch";
    public static final String UPDATING_EPOCH = "updatingEpoch";

    private static final Logger LOG = LoggerFactory.getLogger(FileEpochStore.class);

    private final Path dir;
    private final WriteInterceptor interceptor;
    private OptionalLong currentEpoch;
    private OptionalLong acceptedEpoch;
    private OptionalLong interruptedCurrentEpoch;

    private FileEpochStore(Path dir, WriteInterceptor interceptor) {
        this.dir = dir;
        this.interceptor = interceptor;
    }

    /** Opens (creating {@code version-2} if needed) the epoch files under {@code dataDir}. */
    public static FileEpochStore open(Path dataDir) throws IOException {
        return open(dataDir, WriteInterceptor.NONE);
    }

    static FileEpochStore open(Path dataDir, WriteInterceptor interceptor) throws IOException {
        Path dir = dataDir.resolve(VERSION_DIR);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            DurableFiles.syncDirectory(dataDir);
        }
        FileEpochStore store = new FileEpochStore(dir, interceptor);
        store.load();
        return store;
    }

    /** The {@code version-2} directory holding the files. */
    public Path directory() {
        return dir;
    }

    private void load() throws IOException {
        currentEpoch = readIfPresent(CURRENT_EPOCH);
        acceptedEpoch = readIfPresent(ACCEPTED_EPOCH);
        discardTemp(ACCEPTED_EPOCH);
        interruptedCurrentEpoch = inspectCurrentEpochTemp();
    }

    private OptionalLong readIfPresent(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(EpochFileFormat.read(file));
    }

    /** Keeps {@code currentEpoch.tmp} only if it could be evidence for recovery (see class doc). */
    private OptionalLong inspectCurrentEpochTemp() throws IOException {
        Path temp = DurableFiles.tempFileFor(dir, CURRENT_EPOCH);
        if (!Files.exists(temp)) {
            return OptionalLong.empty();
        }
        OptionalLong value = readTempLeniently(temp);
        boolean newer = value.isPresent()
                && (currentEpoch.isEmpty() || value.getAsLong() > currentEpoch.getAsLong());
        if (!newer) {
            discardTemp(CURRENT_EPOCH);
            return OptionalLong.empty();
        }
        LOG.warn("Found {} holding {} from an interrupted write; keeping it until recovery decides",
                temp, value.getAsLong());
        return value;
    }

    /** A torn temp file is expected after a crash, so garbage here is not an error. */
    private static OptionalLong readTempLeniently(Path temp) {
        try {
            return OptionalLong.of(EpochFileFormat.read(temp));
        } catch (IOException e) {
            LOG.debug("Unusable temp file {}: {}", temp, e.getMessage());
            return OptionalLong.empty();
        }
    }

    private void discardTemp(String name) throws IOException {
        Path temp = DurableFiles.tempFileFor(dir, name);
        if (DurableFiles.delete(temp)) {
            LOG.warn("Deleted {} left by an interrupted write; {} keeps its committed value", temp, name);
        }
    }

    @Override
    public synchronized boolean hasCurrentEpoch() {
        return currentEpoch.isPresent();
    }

    @Override
    public synchronized long currentEpoch() {
        return present(currentEpoch, CURRENT_EPOCH);
    }

    @Override
    public synchronized void setCurrentEpoch(long epoch) throws IOException {
        write(CURRENT_EPOCH, epoch);
        currentEpoch = OptionalLong.of(epoch);
        // The rename consumed the temp file, and with it any interrupted write it recorded.
        interruptedCurrentEpoch = OptionalLong.empty();
    }

    @Override
    public synchronized boolean hasAcceptedEpoch() {
        return acceptedEpoch.isPresent();
    }

    @Override
    public synchronized long acceptedEpoch() {
        return present(acceptedEpoch, ACCEPTED_EPOCH);
    }

    @Override
    public synchronized void setAcceptedEpoch(long epoch) throws IOException {
        write(ACCEPTED_EPOCH, epoch);
        acceptedEpoch = OptionalLong.of(epoch);
    }

    @Override
    public synchronized boolean isUpdatingEpoch() {
        return Files.exists(dir.resolve(UPDATING_EPOCH));
    }

    @Override
    public synchronized void markUpdatingEpoch() throws IOException {
        DurableFiles.createEmpty(dir.resolve(UPDATING_EPOCH));
    }

    @Override
    public synchronized void clearUpdatingEpoch() throws IOException {
        DurableFiles.delete(dir.resolve(UPDATING_EPOCH));
    }

    @Override
    public synchronized OptionalLong interruptedCurrentEpochWrite() {
        return interruptedCurrentEpoch;
    }

    @Override
    public synchronized void discardInterruptedWrites() throws IOException {
        discardTemp(CURRENT_EPOCH);
        interruptedCurrentEpoch = OptionalLong.empty();
    }

    @Override
    public String location() {
        return dir.toString();
    }

    private void write(String name, long epoch) throws IOException {
        DurableFiles.replaceAtomically(dir, name, EpochFileFormat.format(epoch), interceptor);
    }

    private long present(OptionalLong value, String name) {
        if (value.isEmpty()) {
            throw new IllegalStateException(name + " is not stored in " + dir + " yet");
        }
        return value.getAsLong();
    }
}
