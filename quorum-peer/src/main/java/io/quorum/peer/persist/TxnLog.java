package io.quorum.peer.persist;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A durable, append-only log of transactions ordered by zxid. Opening it recovers it: a torn or
 * corrupt tail is cut, never trusted, so {@link #lastZxid()} is the last transaction that is
 * wholly and verifiably on disk.
 */
public interface TxnLog extends Closeable {

    /** The zxid of the last good record; {@link io.quorum.api.Zxid#ZERO} for an empty log. */
    long lastZxid();

    /**
     * Appends a record and forces it to disk before returning.
     *
     * @throws IllegalArgumentException if {@code zxid} is not greater than {@link #lastZxid()}
     */
    void append(long zxid, byte[] payload) throws IOException;

    /**
     * Drops every record with a zxid greater than {@code zxid}, durably (ZooKeeper's TRUNC from a
     * leader). At every moment, a crash leaves a prefix of the log as it was.
     */
    void truncateAfter(long zxid) throws IOException;

    /** The records with a zxid greater than {@code zxid}, in order. */
    List<TxnRecord> readAfter(long zxid) throws IOException;

    /** Every record, in order. */
    default List<TxnRecord> readAll() throws IOException {
        return readAfter(Long.MIN_VALUE);
    }

    /** Where the log lives, for messages. */
    String location();
}
