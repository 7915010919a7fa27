package io.quorum.peer.zab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionWarmupTest {

    @Test
    void theWarmUpSessionsEstablishAndLeaveNoThreadBehind() {
        SessionWarmup.run(7);

        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("quorum-warmup-") || name.startsWith("quorum-leader-2")
                        || name.startsWith("quorum-learner-1"));
    }
}
