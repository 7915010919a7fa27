package io.quorum.dist.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.dist.harness.QuorumRuntime;
import io.quorum.dist.harness.ZooKeeperVersion;
import io.quorum.peer.election.ElectionRegistry;
import org.junit.jupiter.api.Test;

class BenchSystemTest {
    private final ElectionRegistry registry = ElectionRegistry.fromClassLoader(getClass().getClassLoader());

    @Test
    void everyInstalledAlgorithmIsAQuorumSystemByNumberOrName() {
        for (var provider : registry.providers()) {
            BenchSystem byName = BenchSystem.parse("quorum:" + provider.name(), registry);

            assertThat(byName.runtime()).isEqualTo(QuorumRuntime.INSTANCE);
            assertThat(byName.provider()).contains(provider);
            assertThat(byName.config().electionAlg()).isEqualTo(provider.name());
        }
        assertThat(BenchSystem.parse("quorum:3", registry).provider().orElseThrow().name()).isEqualTo("fast");
        assertThat(BenchSystem.parse("quorum:0", registry).provider().orElseThrow().name()).isEqualTo("legacy");
    }

    @Test
    void zooKeeperBaselines() {
        BenchSystem zk = BenchSystem.parse("zookeeper-3.4.14:1", registry);

        assertThat(zk.zooKeeper()).contains(ZooKeeperVersion.V3_4_14);
        assertThat(zk.config().electionAlg()).isEqualTo("1");
        assertThat(zk.isQuorum()).isFalse();
        assertThat(BenchSystem.parse("zookeeper-3.9.5:3", registry).zooKeeper()).contains(ZooKeeperVersion.V3_9_5);
    }

    @Test
    void badSystemsAreNamedWithWhatIsAvailable() {
        assertThatThrownBy(() -> BenchSystem.parse("quorum:paxos", registry))
                .hasMessageContaining("'paxos' names no installed election algorithm; available: ")
                .hasMessageContaining("fast");
        assertThatThrownBy(() -> BenchSystem.parse("zookeeper-3.9.5:0", registry))
                .hasMessageContaining("ZooKeeper 3.9.5 runs electionAlg 3, not 0");
        assertThatThrownBy(() -> BenchSystem.parse("zookeeper-3.5.0:3", registry))
                .hasMessageContaining("no ZooKeeper 3.5.0 baseline; available: zookeeper-3.9.5, zookeeper-3.4.14");
        assertThatThrownBy(() -> BenchSystem.parse("etcd:raft", registry)).hasMessageContaining("not 'etcd'");
        assertThatThrownBy(() -> BenchSystem.parse("quorum", registry)).hasMessageContaining("runtime:algorithm");
        assertThatThrownBy(() -> BenchSystem.parse("zookeeper-3.4.14:fast", registry))
                .hasMessageContaining("a number, not 'fast'");
    }
}
