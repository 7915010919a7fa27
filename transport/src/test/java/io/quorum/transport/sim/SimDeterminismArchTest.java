package io.quorum.transport.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The simulator kernel must replay by seed, so it may not touch threads, clocks, sockets or global randomness. */
class SimDeterminismArchTest {
    private static final JavaClasses SIM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.quorum.transport.sim");

    @Test
    void simDependsOnNoConcurrencyNetworkOrFiles() {
        ArchRule rule = noClasses().that().resideInAPackage("io.quorum.transport.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..", "java.net..",
                        "java.nio.channels..", "java.nio.file..", "org.slf4j..")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .because("the simulator must replay every run from its seed");
        rule.check(SIM);
    }

    @Test
    void simReadsNoClockAndNoGlobalRandomness() {
        ArchRule rule = noClasses().that().resideInAPackage("io.quorum.transport.sim..")
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(Math.class, "random")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("virtual time is the only time in a simulation, and the seed the only randomness");
        rule.check(SIM);
    }
}
