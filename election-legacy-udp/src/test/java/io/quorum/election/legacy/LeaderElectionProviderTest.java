package io.quorum.election.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LeaderElectionProviderTest {

    @Test
    void isFoundThroughServiceLoaderAsElectionAlgZeroNamedLegacy() {
        List<ElectionProvider> found = ServiceLoader.load(ElectionProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(found).singleElement().satisfies(provider -> {
            assertThat(provider).isInstanceOf(LeaderElectionProvider.class);
            assertThat(provider.name()).isEqualTo("legacy");
            assertThat(provider.legacyId()).hasValue(0);
        });
    }

    @Test
    void needsTheQuorumPortResponderAndAnEphemeralRequesterButNoElectionPort() {
        assertThat(new LeaderElectionProvider().endpoints()).containsExactlyInAnyOrder(Endpoint.QUORUM_UDP, Endpoint.EPHEMERAL_UDP);
    }

    @Test
    void timingsDefaultTo3414sConstantsAndCanBeSetInMilliseconds() {
        assertThat(LegacySettings.defaults())
                .isEqualTo(new LegacySettings(200_000_000L, 1_000_000_000L, 100_000_000L, 200_000_000L));
        assertThat(LegacySettings.from(Map.of("receiveTimeout", "50", "roundSleep", " 300 ", "settleDelay", "0",
                "shortRoundSleep", "20")))
                .isEqualTo(new LegacySettings(50_000_000L, 300_000_000L, 0, 20_000_000L));
        assertThatThrownBy(() -> LegacySettings.from(Map.of("roundSleep", "soon")))
                .hasMessageContaining("election.legacy.roundSleep");
        assertThatThrownBy(() -> LegacySettings.from(Map.of("receiveTimeout", "0")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
