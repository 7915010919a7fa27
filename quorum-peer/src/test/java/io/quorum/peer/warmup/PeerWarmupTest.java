package io.quorum.peer.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import io.quorum.api.leadership.LeadershipListener;
import io.quorum.election.fast.FastLeaderElectionProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PeerWarmupTest {

    @Test
    void aRehearsalElectsAndFailsOverAndRunsSessionsWithoutAWarningOrAThreadLeft() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.quorum");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        PeerWarmup.Rehearsed done;
        try {
            done = new PeerWarmup(new FastLeaderElectionProvider(), 7).run();
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(done.elections()).isPositive().isLessThanOrEqualTo(PeerWarmup.ELECTIONS);
        assertThat(appender.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        assertThat(liveThreadNames()).noneMatch(name -> name.startsWith("quorum-"));
    }

    @Test
    void anAlgorithmOffTheTcpElectionPortRehearsesSessionsOnly() {
        ElectionProvider datagram = new ElectionProvider() {
            @Override
            public String name() {
                return "datagram-only";
            }

            @Override
            public Set<Endpoint> endpoints() {
                return Set.of(Endpoint.ELECTION_UDP);
            }

            @Override
            public ElectionCore newCore(ElectionContext context) {
                throw new AssertionError("a datagram algorithm is not rehearsed");
            }
        };

        PeerWarmup.Rehearsed done = new PeerWarmup(datagram, 7).run();

        assertThat(done.elections()).isZero();
        assertThat(done.sessions()).isPositive();
    }

    @Test
    void theRehearsalStartsOnceOnTheFirstRoleAndNotWhileLooking() {
        List<Runnable> launched = new ArrayList<>();
        LeadershipListener listener = new PeerWarmup(new FastLeaderElectionProvider(), 7).startingOnFirstRole(launched::add);

        listener.looking();
        assertThat(launched).isEmpty();
        listener.following(3, 1);
        listener.leading(2);
        listener.looking();
        listener.following(3, 3);
        assertThat(launched).hasSize(1);
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(java.util.stream.Collectors.toSet());
    }
}
