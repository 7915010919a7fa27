package io.quorum.peer.sim;

import io.quorum.peer.session.SessionTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the peer-level simulation runs besides what the kernel's {@link
 * io.quorum.transport.sim.SimulationOptions} say.
 *
 * @param cores the session cores every peer runs ({@link SessionCores#zab()} unless a test breaks them)
 * @param timings fixed session timings, or null to draw them from each seed
 * @param histories fixed starting histories in sid order, or null to draw ones ZooKeeper can reach
 * @param writeCrashProbabilityMax the upper end of the per-seed chance of a crash next to a durable write
 * @param interventions scripted steps for scenario tests, run at their virtual time
 */
public record PeerSimOptions(SessionCores cores, SessionTimings timings, List<History> histories,
        double writeCrashProbabilityMax, List<Intervention> interventions) {

    /**
     * A scripted step: at {@code atNanos}, do something to the layer that no fault schedule would
     * (tests use it to inject a bad state and show an invariant catches it).
     */
    public record Intervention(long atNanos, String what, Consumer<ZabSessionLayer> action) {
    }

    public PeerSimOptions {
        Objects.requireNonNull(cores, "cores is null");
        interventions = List.copyOf(interventions);
        histories = histories == null ? null : List.copyOf(histories);
        if (writeCrashProbabilityMax <= 0 || writeCrashProbabilityMax > 1) {
            throw new IllegalArgumentException("writeCrashProbabilityMax must be in (0, 1]: " + writeCrashProbabilityMax);
        }
    }

    /** ZooKeeper's session cores, timings drawn per seed, up to a 10% chance of a crash at each durable write. */
    public static PeerSimOptions defaults() {
        return new PeerSimOptions(SessionCores.zab(), null, null, 0.1, List.of());
    }

    public PeerSimOptions withCores(SessionCores value) {
        return new PeerSimOptions(value, timings, histories, writeCrashProbabilityMax, interventions);
    }

    public PeerSimOptions withTimings(SessionTimings value) {
        return new PeerSimOptions(cores, value, histories, writeCrashProbabilityMax, interventions);
    }

    /** Starts every run from these histories (sid order) instead of drawing them. */
    public PeerSimOptions withHistories(List<History> value) {
        return new PeerSimOptions(cores, timings, value, writeCrashProbabilityMax, interventions);
    }

    public PeerSimOptions withWriteCrashProbabilityMax(double value) {
        return new PeerSimOptions(cores, timings, histories, value, interventions);
    }

    public PeerSimOptions withIntervention(long atNanos, String what, Consumer<ZabSessionLayer> action) {
        List<Intervention> more = new ArrayList<>(interventions);
        more.add(new Intervention(atNanos, what, action));
        return new PeerSimOptions(cores, timings, histories, writeCrashProbabilityMax, more);
    }
}
