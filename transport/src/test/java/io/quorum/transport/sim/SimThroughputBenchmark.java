package io.quorum.transport.sim;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Five-peer seeds of the reference core per minute, one benchmark per schedule. Run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main SimThroughputBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MINUTES)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class SimThroughputBenchmark {
    @Param({"NONE", "ALL"})
    public FaultSchedule schedule;

    private final BullyElection provider = new BullyElection();
    private SimulationOptions template;
    private long seed;

    @org.openjdk.jmh.annotations.Setup
    public void setUp() {
        template = SimulationOptions.builder(0).voters(5).schedule(schedule).knobSpace(BullyElection.knobs())
                .traceTailLines(0).build();
    }

    @Benchmark
    public long oneSeed() {
        return Simulation.run(provider, template.withSeed(++seed)).traceHash();
    }
}
