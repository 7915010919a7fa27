package io.quorum.peer.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.election.ElectionProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElectionRegistryTest {

    private final ElectionRegistry registry = new ElectionRegistry(List.of(
            TestingProvider.named("raft"),
            TestingProvider.numbered(3, "fast"),
            TestingProvider.numbered(0, "legacy-udp")));

    @Test
    void findsAlgorithmsByNumberOrName() {
        assertThat(registry.select("3").name()).isEqualTo("fast");
        assertThat(registry.select("fast").name()).isEqualTo("fast");
        assertThat(registry.select(" 0 ").name()).isEqualTo("legacy-udp");
        assertThat(registry.select("raft").name()).isEqualTo("raft");
    }

    @Test
    void listsNumberedAlgorithmsFirst() {
        assertThat(registry.providers()).extracting(ElectionProvider::name).containsExactly("legacy-udp", "fast", "raft");
        assertThat(registry.describeAvailable()).isEqualTo("0 (legacy-udp), 3 (fast), raft");
    }

    @Test
    void anUnknownNumberListsWhatIsInstalled() {
        assertThatThrownBy(() -> registry.select("7"))
                .isInstanceOf(UnknownElectionAlgorithmException.class)
                .hasMessage("electionAlg=7 names no installed election algorithm; available: 0 (legacy-udp), 3 (fast), raft");
    }

    @Test
    void aMistypedNameGetsASuggestion() {
        assertThatThrownBy(() -> registry.select("fsat"))
                .hasMessageEndingWith("available: 0 (legacy-udp), 3 (fast), raft. Did you mean 'fast'?");
        assertThatThrownBy(() -> registry.select("paxos")).message().doesNotContain("Did you mean");
    }

    @Test
    void duplicateNamesNameBothProviders() {
        assertThatThrownBy(() -> new ElectionRegistry(List.of(TestingProvider.named("raft"), TestingProvider.named("raft"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two election providers claim name 'raft'")
                .hasMessageContaining(TestingProvider.class.getName() + " (");
    }

    @Test
    void duplicateNumbersAreRefused() {
        assertThatThrownBy(() -> new ElectionRegistry(List.of(TestingProvider.numbered(3, "fast"), TestingProvider.numbered(3, "faster"))))
                .hasMessageContaining("two election providers claim electionAlg number 3");
    }

    @Test
    void malformedNamesAreRefused() {
        for (String bad : List.of("Fast", "3", "", "with space", "-dash")) {
            assertThatThrownBy(() -> new ElectionRegistry(List.of(TestingProvider.named(bad))))
                    .as(bad)
                    .hasMessageContaining("invalid name '" + bad + "'");
        }
    }

    @Test
    void anEmptyRegistrySaysSo() {
        assertThatThrownBy(() -> new ElectionRegistry(List.of()).select("3"))
                .hasMessageContaining("available: none (no election module is on the class path)");
    }

    @Test
    void loadsProvidersListedInMetaInfServices() {
        ElectionRegistry loaded = ElectionRegistry.fromClassLoader(getClass().getClassLoader());

        assertThat(loaded.select("testing-plugin")).isInstanceOf(TestingProvider.Plugin.class);
        assertThat(loaded.select("9")).isInstanceOf(TestingProvider.Numbered.class);
    }
}
