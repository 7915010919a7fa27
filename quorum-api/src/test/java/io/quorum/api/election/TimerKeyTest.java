package io.quorum.api.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys are equal by name, as the record's generated methods would have it (they are written out). */
class TimerKeyTest {
    @Test
    void keysWithTheSameNameAreOneTimer() {
        Map<TimerKey, Long> timers = new HashMap<>();
        timers.put(new TimerKey("notify"), 1L);
        timers.put(new TimerKey("notify"), 2L);
        timers.put(new TimerKey("finalize"), 3L);

        assertThat(timers).hasSize(2).containsEntry(new TimerKey("notify"), 2L);
        assertThat(new TimerKey("notify")).isEqualTo(new TimerKey("notify")).isNotEqualTo(new TimerKey("finalize"))
                .isNotEqualTo("notify").hasToString("notify");
        assertThat(new TimerKey("notify").hashCode()).isEqualTo(new TimerKey("notify").hashCode());
    }

    @Test
    void aKeyNeedsAName() {
        assertThatNullPointerException().isThrownBy(() -> new TimerKey(null)).withMessage("name is null");
    }
}
