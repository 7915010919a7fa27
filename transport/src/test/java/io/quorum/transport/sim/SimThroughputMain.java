package io.quorum.transport.sim;

/**
 * A plain throughput check without JMH: runs {@code seeds} five-peer seeds per schedule (20,000 by
 * default, first argument) and prints seeds per minute and violations. Also the full-sweep command:
 * {@code java -cp <test classpath> io.quorum.transport.sim.SimThroughputMain 10000 1}.
 */
public final class SimThroughputMain {
    private SimThroughputMain() {
    }

    public static void main(String[] args) {
        long seeds = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
        int observers = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        long totalRuns = 0;
        long totalNanos = 0;
        for (FaultSchedule schedule : FaultSchedule.values()) {
            SimulationOptions template = SimulationOptions.builder(0).voters(5).observers(observers).schedule(schedule)
                    .knobSpace(BullyElection.knobs()).traceTailLines(40).build();
            SweepSummary summary = new SeedSweep(new BullyElection(), template, 100, System::nanoTime).run(1, seeds);
            totalRuns += summary.runs();
            totalNanos += summary.wallNanos();
            System.out.printf("%s seeds/min=%.0f%n", summary.summary(), summary.runsPerSecond() * 60);
            summary.violations().stream().limit(3).forEach(System.out::println);
        }
        System.out.printf("total runs=%d wall=%.1fs seeds/min=%.0f%n", totalRuns, totalNanos / 1e9,
                totalRuns * 60e9 / totalNanos);
    }
}
