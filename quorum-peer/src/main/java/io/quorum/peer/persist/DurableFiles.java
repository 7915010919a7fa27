package io.quorum.peer.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File operations that are durable when they return: data forced, directory entries forced. */
final class DurableFiles {
    static final String TMP_SUFFIX = ".tmp";

    private static final Logger LOG = LoggerFactory.getLogger(DurableFiles.class);

    private DurableFiles() {
    }

    /** The temp file through which {@code name} in {@code dir} is replaced. */
    static Path tempFileFor(Path dir, String name) {
        return dir.resolve(name + TMP_SUFFIX);
    }

    /**
     * Replaces {@code dir/name} with {@code content}: write {@code name.tmp}, force it, rename it
     * over the target, force the directory. A crash at any step leaves the old or the new content
     * under {@code name}, never a mixture, because the rename is atomic.
     */
    static void replaceAtomically(Path dir, String name, byte[] content, WriteInterceptor interceptor)
            throws IOException {
        Path temp = tempFileFor(dir, name);
        // No TRUNCATE_EXISTING on open: a leftover temp file holding the same bytes (the case when
        // recovery re-commits an interrupted write) is never seen empty, even if we die mid-write.
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            writeFully(channel, ByteBuffer.wrap(content), 0);
            channel.truncate(content.length);
            interceptor.reached(WriteStep.TEMP_WRITTEN);
            channel.force(true);
        }
        interceptor.reached(WriteStep.TEMP_SYNCED);
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        interceptor.reached(WriteStep.RENAMED);
        syncDirectory(dir);
    }

    /** Creates an empty file (if missing) and makes its directory entry durable. */
    static void createEmpty(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        syncDirectory(file.getParent());
    }

    /** Deletes a file if present and makes the deletion durable; true if it existed. */
    static boolean delete(Path file) throws IOException {
        boolean existed = Files.deleteIfExists(file);
        if (existed) {
            syncDirectory(file.getParent());
        }
        return existed;
    }

    /**
     * Forces a directory, so that renames, creations and deletions in it survive a power loss.
     * Some platforms (Windows) cannot open a directory as a channel; there the rename is as
     * durable as the platform makes it, and we say so at debug level. A failure of the force
     * itself is a real I/O error and is thrown.
     */
    static void syncDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            LOG.debug("Cannot open directory {} to force it on this platform: {}", dir, e.toString());
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /** Writes all of {@code buffer} at {@code position}; channels may write less than asked. */
    static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
