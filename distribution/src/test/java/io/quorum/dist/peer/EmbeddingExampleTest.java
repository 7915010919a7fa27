package io.quorum.dist.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quorum.api.leadership.LeadershipListener;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.main.QuorumPeerMain;
import io.quorum.peer.runtime.PeerServer;
import io.quorum.transport.testing.LoopbackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an application embeds a peer and runs leader-only work: one {@link SingletonJob} per
 * process, active exactly while its peer leads an established epoch. Three such processes share
 * one JVM here; the job moves when the leader's process stops.
 */
class EmbeddingExampleTest {

    /** The application's part: a job that must run on one process of the ensemble at a time. */
    static final class SingletonJob implements LeadershipListener {
        final AtomicLong activeInEpoch = new AtomicLong(-1);

        @Override
        public void leading(long epoch) {
            activeInEpoch.set(epoch); // start the job: this process leads epoch `epoch`
        }

        @Override
        public void following(long leaderId, long epoch) {
            activeInEpoch.set(-1); // someone else runs it
        }

        @Override
        public void looking() {
            activeInEpoch.set(-1); // no established leader: stop, as the new one may start anywhere
        }
    }

    @TempDir
    Path root;

    private final List<PeerServer> peers = new ArrayList<>();

    @AfterEach
    void stop() {
        peers.forEach(PeerServer::close);
    }

    @Test
    void theJobRunsOnTheLeaderOnlyAndMovesWhenItsProcessStops() throws Exception {
        Map<String, String> cfg = new HashMap<>(Map.of("tickTime", "200", "initLimit", "10", "syncLimit", "5"));
        List<Integer> ports = LoopbackPorts.forServers(6);
        for (int sid = 1; sid <= 3; sid++) {
            cfg.put("server." + sid, "127.0.0.1:" + ports.get(2 * sid - 2) + ":" + ports.get(2 * sid - 1));
        }
        List<SingletonJob> jobs = new ArrayList<>();
        for (long sid = 1; sid <= 3; sid++) {
            Path dataDir = Files.createDirectories(root.resolve("app" + sid));
            Files.writeString(dataDir.resolve("myid"), Long.toString(sid));
            Map<String, String> mine = new HashMap<>(cfg);
            mine.put("dataDir", dataDir.toString());
            SingletonJob job = new SingletonJob();
            jobs.add(job);
            PeerServer peer = QuorumPeerMain.start(QuorumPeerConfig.parse(mine, root));
            peer.peer().addListener(job);
            peers.add(peer);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> activeJobs(jobs) == 1);
        int first = activeJob(jobs);
        assertThat(jobs.get(first).activeInEpoch).hasValue(1);

        peers.get(first).close();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.stream().anyMatch(job -> job.activeInEpoch.get() == 2));
        int second = activeJob(jobs.subList(0, jobs.size()));
        assertThat(second).isNotEqualTo(first);
    }

    /** The index of the job whose epoch is the latest among active ones. */
    private static int activeJob(List<SingletonJob> jobs) {
        int best = -1;
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).activeInEpoch.get() >= 0
                    && (best < 0 || jobs.get(i).activeInEpoch.get() > jobs.get(best).activeInEpoch.get())) {
                best = i;
            }
        }
        return best;
    }

    private static long activeJobs(List<SingletonJob> jobs) {
        return jobs.stream().filter(job -> job.activeInEpoch.get() >= 0).count();
    }

}
