package io.quorum.dist.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Counts ERROR events the peers log while it is attached: a peer that logs an error under fuzz
 * (a thread or session that died, a listener that gave up) fails the campaign even if it
 * recovered.
 */
final class ErrorLogCounter extends AppenderBase<ILoggingEvent> {
    private final AtomicLong count = new AtomicLong();

    static ErrorLogCounter attach() {
        ErrorLogCounter counter = new ErrorLogCounter();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        counter.setContext(root.getLoggerContext());
        counter.setName("fuzz-error-counter");
        counter.start();
        root.addAppender(counter);
        return counter;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR) && event.getLoggerName().startsWith("io.quorum")
                && !event.getLoggerName().startsWith("io.quorum.dist.fuzz")) {
            count.incrementAndGet();
        }
    }

    long count() {
        return count.get();
    }

    void detach() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this);
        stop();
    }
}
