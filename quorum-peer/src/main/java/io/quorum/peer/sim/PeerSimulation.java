package io.quorum.peer.sim;

import io.quorum.api.election.ElectionProvider;
import io.quorum.transport.sim.PeerLayer;
import io.quorum.transport.sim.Simulation;
import io.quorum.transport.sim.SimulationOptions;
import io.quorum.transport.sim.SimulationResult;
import java.util.function.Supplier;

/**
 * The peer-level simulation: the transport simulator running whole peers, an election core of
 * any provider plus {@link ZabSessionLayer}. Everything the kernel offers carries over: the seed
 * and knobs printed first, the fault schedules, the safety and liveness phases, the trace hash,
 * and {@link io.quorum.transport.sim.SeedSweep} over a template made here.
 */
public final class PeerSimulation {
    /**
     * How long the healed peers have to establish a leader: elections, a handshake that may time
     * out after initLimit ticks (up to 5 s) more than once, and FLE's notification back-off.
     */
    public static final long LIVENESS_BOUND_NANOS = 120_000_000_000L;

    private PeerSimulation() {
    }

    /** A fresh session layer for every run. */
    public static Supplier<PeerLayer> layer(PeerSimOptions options) {
        return () -> new ZabSessionLayer(options);
    }

    /** Kernel options for a peer-level run: the session layer and the peer-level liveness bound. */
    public static SimulationOptions.Builder options(long seed, PeerSimOptions options) {
        return SimulationOptions.builder(seed).peerLayer(layer(options)).livenessBoundNanos(LIVENESS_BOUND_NANOS);
    }

    /** Runs one seed. */
    public static SimulationResult run(ElectionProvider provider, SimulationOptions options) {
        return Simulation.run(provider, options);
    }
}
