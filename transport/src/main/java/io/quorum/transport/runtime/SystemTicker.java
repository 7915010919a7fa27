package io.quorum.transport.runtime;

import java.util.function.LongSupplier;

/**
 * The one place that reads the JVM's monotonic clock. Everything else receives time as an
 * injected {@link LongSupplier} so tests and the simulator can drive it (ZOOKEEPER-1366: timeouts
 * must never depend on the wall clock).
 */
public final class SystemTicker implements LongSupplier {
    /** The shared instance; the class has no state. */
    public static final SystemTicker INSTANCE = new SystemTicker();

    private SystemTicker() {
    }

    /** Monotonic nanoseconds from an arbitrary origin. */
    public long nanoTime() {
        return System.nanoTime();
    }

    /** Wall-clock milliseconds since the epoch, for what people read (status pages), never for timeouts. */
    public long wallMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long getAsLong() {
        return nanoTime();
    }
}
