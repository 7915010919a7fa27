package io.quorum.transport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link SimulationOptions#coldBootSpreadNanos()}: each peer's process comes up at its own time
 * within the spread, and what is sent to it before is dropped, as to a port nobody has bound yet.
 */
class ColdBootTest {
    private static final long SPREAD_NANOS = 300_000_000L;
    private static final Pattern BOOT = Pattern.compile("^(\\d+\\.\\d+) n(\\d+) boot ");
    private static final Pattern TARGET_DOWN = Pattern.compile("^(\\d+\\.\\d+) n\\d+>n(\\d+) drop \\S+ target-down");

    @Test
    void peersComeUpAtTheirOwnTimesAndMissWhatWasSentBefore() {
        int droppedBeforeBoot = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SimulationResult result = Simulation.run(new BullyElection(), SimulationOptions.builder(seed).voters(5)
                    .knobSpace(BullyElection.knobs()).expectedLeader(ExpectedLeader.none())
                    .coldBootSpreadNanos(SPREAD_NANOS).fullTrace(true).build());
            assertThat(result.passed()).as(result.report()).isTrue();

            List<String> lines = result.traceText().lines().toList();
            Map<Integer, Double> bootedAt = new HashMap<>();
            for (String line : lines) {
                Matcher boot = BOOT.matcher(line);
                if (boot.find()) {
                    bootedAt.putIfAbsent(Integer.parseInt(boot.group(2)), Double.parseDouble(boot.group(1)));
                }
                Matcher drop = TARGET_DOWN.matcher(line);
                if (drop.find() && !bootedAt.containsKey(Integer.parseInt(drop.group(2)))) {
                    droppedBeforeBoot++;
                }
            }
            assertThat(bootedAt).as("seed %d", seed).hasSize(5);
            assertThat(bootedAt.values()).as("seed %d", seed).allSatisfy(t -> assertThat(t).isBetween(0.0, 0.3));
            assertThat(bootedAt.values().stream().distinct().count()).as("seed %d", seed).isGreaterThan(1);
            assertThat(result.traceText()).contains("knob coldBootSpreadNanos=" + SPREAD_NANOS);
        }
        assertThat(droppedBeforeBoot).as("messages sent to peers not yet up").isPositive();
    }
}
