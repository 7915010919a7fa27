package io.quorum.peer.persist;

import java.io.IOException;

/**
 * Called at each {@link WriteStep} of a durable write. It exists so that tests can throw at a
 * chosen step and then reopen the directory, as if the process had died there.
 */
@FunctionalInterface
interface WriteInterceptor {
    /** The interceptor of production code: every step goes through. */
    WriteInterceptor NONE = step -> { };

    void reached(WriteStep step) throws IOException;
}
