package io.quorum.dist.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shows that each rule fires on a fixture that breaks it, and names the offending class. */
class ArchitectureRulesCatchViolationsTest {

    private static final String ROOT = "io.quorum.dist.architecture.fixture";

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(ROOT);
    }

    @Test
    void layersCatchTransportReachingIntoPeer() {
        assertViolation(ArchitectureRules.layersPointDownward(ROOT), "TransportReachingUp");
    }

    @Test
    void apiPurityCatchesALibraryDependency() {
        assertViolation(ArchitectureRules.apiDependsOnlyOnTheJdkAndSlf4j(ROOT), "ApiUsingGuice");
    }

    @Test
    void independenceCatchesOneAlgorithmUsingAnother() {
        assertViolation(ArchitectureRules.algorithmsAreIndependent(ROOT), "BorrowingCore");
    }

    @Test
    void pluginRuleCatchesAPluginUsingThePeer() {
        assertViolation(ArchitectureRules.pluginsUseTheApiOnly(ROOT), "PluginUsingPeer");
    }

    @Test
    void registryRuleCatchesServiceLoadingElsewhere() {
        assertViolation(ArchitectureRules.onlyTheRegistryLoadsServices(ROOT), "ServiceLoading");
    }

    @Test
    void determinismCatchesClocksSleepsRandomnessAndSockets() {
        String report = violations(ArchitectureRules.deterministicCodeCanBeReplayed(ROOT));

        assertThat(report).contains("ClockReadingCore", "System.nanoTime", "Thread.sleep", "Random.<init>", "SocketCore");
        assertThat(report).doesNotContain("BorrowingCore");
    }

    @Test
    void determinismCoversThePeerLevelSimulation() {
        String report = violations(ArchitectureRules.deterministicCodeCanBeReplayed(ROOT));

        assertThat(report).contains("fixture.peer.sim.ThreadedPeerSim", "Executors.newFixedThreadPool");
    }

    @Test
    void tracingRuleCatchesACoreThatLogs() {
        assertViolation(ArchitectureRules.coresTraceInsteadOfLogging(ROOT), "LoggingCore");
    }

    @Test
    void clockRuleCatchesReadersOtherThanTheTickerAndTheCli() {
        String report = violations(ArchitectureRules.onlyTheSystemTickerReadsTheClock(ROOT));

        assertThat(report).contains("ClockReader", "ClockReadingCore");
        assertThat(report).doesNotContain("SystemTicker", "dist.cli.Cli");
    }

    @Test
    void cycleRuleCatchesTwoPackagesUsingEachOther() {
        assertViolation(ArchitectureRules.noPackageCycles(ROOT), "Ping");
    }

    @Test
    void streamsRuleCatchesPrintingOutsideTheCli() {
        String report = violations(ArchitectureRules.onlyTheCliUsesStandardStreams(ROOT));

        assertThat(report).contains("Printer");
        assertThat(report).doesNotContain("dist.cli.Cli");
    }

    @Test
    void guiceRuleCatchesAnInjectorInTheApi() {
        assertViolation(ArchitectureRules.guiceStaysAtTheEdges(ROOT), "ApiUsingGuice");
    }

    @Test
    void loggingRuleCatchesJavaUtilLogging() {
        assertViolation(ArchitectureRules.noJavaUtilLogging(ROOT), "JulUser");
    }

    @Test
    void everyRuleFailsWithItsReason() {
        for (ArchRule rule : ArchitectureRules.all(ROOT)) {
            assertThatThrownBy(() -> rule.check(fixtures))
                    .as(rule.getDescription())
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("because");
        }
    }

    private static void assertViolation(ArchRule rule, String offender) {
        assertThat(violations(rule)).contains(offender);
    }

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixtures);
        assertThat(result.hasViolation()).as("%s should fire on the fixtures", rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
