package io.quorum.election.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AuthFastProviderTest {

    @Test
    void bothAreFoundThroughServiceLoaderAsElectionAlgOneAndTwo() {
        List<ElectionProvider> found = ServiceLoader.load(ElectionProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(found).hasSize(2);
        assertThat(found).filteredOn(p -> p instanceof AuthFastLeaderElectionProvider).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("auth-fast");
            assertThat(p.legacyId()).hasValue(1);
        });
        assertThat(found).filteredOn(p -> p instanceof AuthFastChallengeProvider).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("auth-fast-challenge");
            assertThat(p.legacyId()).hasValue(2);
        });
    }

    @Test
    void bothNeedOnlyTheUdpSocketOnTheElectionPort() {
        assertThat(new AuthFastLeaderElectionProvider().endpoints()).containsExactly(Endpoint.ELECTION_UDP);
        assertThat(new AuthFastChallengeProvider().endpoints()).containsExactly(Endpoint.ELECTION_UDP);
    }

    @Test
    void timingsDefaultTo3414sConstantsAndCanBeSetInMilliseconds() {
        AuthSettings defaults = AuthSettings.defaults();
        assertThat(defaults).isEqualTo(new AuthSettings(100_000_000L, 100_000_000L, 3));
        assertThat(defaults.pollTimeoutNanos()).isEqualTo(200_000_000L);
        assertThat(defaults.challengeWaitNanos(2)).isEqualTo(400_000_000L);
        assertThat(defaults.ackWaitNanos(2)).isEqualTo(10_000_000_000L);

        assertThat(AuthSettings.from("auth-fast", Map.of("finalizeWait", " 50 ", "ackWait", "20", "sendAttempts", "1")))
                .isEqualTo(new AuthSettings(50_000_000L, 20_000_000L, 1));
        assertThatThrownBy(() -> AuthSettings.from("auth-fast-challenge", Map.of("ackWait", "soon")))
                .hasMessageContaining("election.auth-fast-challenge.ackWait");
        assertThatThrownBy(() -> AuthSettings.from("auth-fast", Map.of("finalizeWait", "0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthSettings.from("auth-fast", Map.of("sendAttempts", "0")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
