package io.quorum.transport.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    @Test
    void eventsRunByTimeThenByScheduleOrder() {
        EventQueue queue = new EventQueue();
        List<String> ran = new ArrayList<>();
        queue.schedule(20, () -> ran.add("late"));
        queue.schedule(10, () -> ran.add("tie-first"));
        queue.schedule(10, () -> ran.add("tie-second"));
        queue.schedule(5, () -> ran.add("early"));

        while (!queue.isEmpty()) {
            queue.poll().action().run();
        }

        assertThat(ran).containsExactly("early", "tie-first", "tie-second", "late");
    }

    @Test
    void clockJumpsForwardAndNeverBack() {
        SimClock clock = new SimClock();
        clock.advanceTo(1_500_000_000L);

        assertThat(clock.now()).isEqualTo(1_500_000_000L);
        assertThat(SimClock.format(clock.now())).isEqualTo("1.500000000");
        assertThatThrownBy(() -> clock.advanceTo(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void traceKeepsABoundedTailButHashesEveryLine() {
        Trace tail = new Trace(false, 2);
        Trace full = new Trace(true, 0);
        for (int i = 0; i < 5; i++) {
            tail.add(i, "line " + i);
            full.add(i, "line " + i);
        }

        assertThat(tail.lines()).hasSize(2).last().asString().endsWith("line 4");
        assertThat(full.lines()).hasSize(5);
        assertThat(tail.hash()).isEqualTo(full.hash());
        assertThat(tail.lineCount()).isEqualTo(5);
    }
}
