package io.quorum.api.election;

/**
 * The blocking face of an election that a quorum peer calls from its main loop. The runtime
 * builds one from a provider's core; it owns the threads and sockets the core must not.
 */
public interface Election extends AutoCloseable {

    /**
     * Runs one round and blocks until it decides.
     *
     * @throws InterruptedException if the calling thread is interrupted
     * @throws IllegalStateException if the election has been shut down
     */
    Decision lookForLeader() throws InterruptedException;

    /** Stops the election and releases its sockets and threads; a blocked caller is woken. */
    void shutdown();

    @Override
    default void close() {
        shutdown();
    }
}
