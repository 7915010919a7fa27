package io.quorum.peer.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SessionWarmupTest {

    @Test
    void theWarmUpSessionsEstablishAndLeaveNoThreadBehind() {
        SessionWarmup.run(7);

        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("quorum-warmup-") || name.startsWith("quorum-leader-2")
                        || name.startsWith("quorum-learner-1"));
    }

    /** It used to close the leader's log as soon as both sides were established, under the epoch-start write. */
    @Test
    void theWarmUpCompletesEveryWriteWithoutAnError() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.quorum.peer");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            SessionWarmup.run(7);
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }
}
