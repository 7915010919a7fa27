package io.quorum.peer.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ElectionSettingsTest {

    @Test
    void anAlgorithmGetsItsOwnKeysWithoutThePrefixAndNoOtherAlgorithms() {
        Map<String, String> zooCfg = Map.of(
                "election.raft.preVote", "false",
                "election.raft.heartbeatMs", "50",
                "election.fast.finalizeWait", "400",
                "election.raft.", "ignored: no key after the prefix");

        assertThat(ElectionSettings.of(zooCfg, "raft")).containsExactly(
                Map.entry("heartbeatMs", "50"), Map.entry("preVote", "false"));
        assertThat(ElectionSettings.of(zooCfg, "fast")).containsExactly(Map.entry("finalizeWait", "400"));
        assertThat(ElectionSettings.of(zooCfg, "legacy")).isEmpty();
    }
}
