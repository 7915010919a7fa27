package io.quorum.dist.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The module boundaries and coding rules of quorum, each with the reason it exists. Every rule
 * takes the package root it applies to, so that the same rule that guards {@code io.quorum}
 * can be shown to fire on the small fixtures in this package.
 */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    static List<ArchRule> all(String root) {
        return List.of(
                layersPointDownward(root),
                apiDependsOnlyOnTheJdkAndSlf4j(root),
                algorithmsAreIndependent(root),
                pluginsUseTheApiOnly(root),
                onlyTheRegistryLoadsServices(root),
                deterministicCodeCanBeReplayed(root),
                coresTraceInsteadOfLogging(root),
                onlyTheSystemTickerReadsTheClock(root),
                noPackageCycles(root),
                onlyTheCliUsesStandardStreams(root),
                guiceStaysAtTheEdges(root),
                noJavaUtilLogging(root));
    }

    static ArchRule layersPointDownward(String root) {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("api").definedBy(root + ".api..")
                .layer("transport").definedBy(root + ".transport..")
                .layer("election").definedBy(root + ".election..")
                .layer("peer").definedBy(root + ".peer..")
                .layer("dist").definedBy(root + ".dist..")
                .whereLayer("dist").mayNotBeAccessedByAnyLayer()
                .whereLayer("peer").mayOnlyBeAccessedByLayers("dist")
                .whereLayer("transport").mayOnlyBeAccessedByLayers("peer", "dist")
                .whereLayer("election").mayNotBeAccessedByAnyLayer()
                .whereLayer("election").mayOnlyAccessLayers("api")
                .because("modules depend downward only (api <- transport <- peer <- distribution), and election "
                        + "algorithms are plugins reached through ServiceLoader, built on quorum-api alone");
    }

    static ArchRule apiDependsOnlyOnTheJdkAndSlf4j(String root) {
        return classes().that().resideInAPackage(root + ".api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", root + ".api..")
                .because("a plugin jar compiles against quorum-api alone, so the SPI must not drag in libraries");
    }

    static ArchRule algorithmsAreIndependent(String root) {
        return slices().matching(root + ".election.(*)..")
                .should().notDependOnEachOther()
                .because("each algorithm is a plugin that can be removed or replaced on its own");
    }

    /**
     * Plugins (the example under {@code examples/}, and the jars the distribution ships in
     * {@code plugins/}) are loaded in a class loader that sees the JDK and quorum-api only.
     */
    static ArchRule pluginsUseTheApiOnly(String root) {
        return classes().that().resideInAPackage(root + ".examples..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java.lang..", "java.util..", "java.nio",
                        root + ".api..", root + ".examples..")
                .because("a plugin's class loader holds the JDK, quorum-api and the plugin's own jar: anything else "
                        + "fails at run time with NoClassDefFoundError")
                // The modules' class paths hold no plugin; ArchitectureTest imports the shipped jars.
                .allowEmptyShould(true);
    }

    static ArchRule onlyTheRegistryLoadsServices(String root) {
        return noClasses().that().doNotHaveFullyQualifiedName(root + ".peer.election.ElectionRegistry")
                .should().callMethod(ServiceLoader.class, "load", Class.class)
                .orShould().callMethod(ServiceLoader.class, "load", Class.class, ClassLoader.class)
                .because("algorithms are found in one place, which also owns plugin class loaders and duplicate checks");
    }

    static ArchRule deterministicCodeCanBeReplayed(String root) {
        return noClasses().that().resideInAnyPackage(deterministicPackages(root))
                .should().dependOnClassesThat(nondeterministicTypes())
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(Math.class, "random")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().callConstructor(Random.class)
                .orShould().callConstructor(SplittableRandom.class)
                .because("the simulator must replay a run from its seed: cores take time, randomness and I/O "
                        + "only from their driver");
    }

    static ArchRule coresTraceInsteadOfLogging(String root) {
        return noClasses().that().resideInAPackage(root + ".election..")
                .should().dependOnClassesThat().resideInAPackage("org.slf4j..")
                .because("cores report through Outbox.trace, which the runtime logs with the peer's MDC and the "
                        + "simulator prints in its trace");
    }

    static ArchRule onlyTheSystemTickerReadsTheClock(String root) {
        return noClasses().that().doNotHaveFullyQualifiedName(root + ".transport.runtime.SystemTicker")
                .and().resideOutsideOfPackage(root + ".dist..")
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Instant.class, "now")
                .because("time enters through one ticker, so that every timeout can be driven by a test clock");
    }

    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)")
                .should().beFreeOfCycles()
                .because("package cycles make modules impossible to split or test alone");
    }

    static ArchRule onlyTheCliUsesStandardStreams(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".dist.cli..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("libraries log through slf4j with the peer's id in the MDC; only the CLI talks to a terminal");
    }

    static ArchRule guiceStaysAtTheEdges(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".peer.wiring..", root + ".dist..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..")
                .because("Guice assembles the peer at its edge; plugins and cores never see an injector");
    }

    static ArchRule noJavaUtilLogging(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
                .because("all logs go through slf4j and logback");
    }

    /**
     * The cores (built-in and plugins) and every simulator package: {@code ..sim..} covers the
     * transport kernel and the peer-level simulation in quorum-peer, and any simulation package
     * added later.
     */
    private static String[] deterministicPackages(String root) {
        return new String[] {root + ".election..", root + ".examples..", root + ".transport.core..", root + "..sim..",
            root + ".peer.session.."};
    }

    private static DescribedPredicate<JavaClass> nondeterministicTypes() {
        DescribedPredicate<JavaClass> io = resideInAnyPackage(
                "java.util.concurrent..", "java.net..", "java.nio.channels..", "java.nio.file..")
                .and(not(type(TimeUnit.class)));
        return io.or(assignableTo(Thread.class)).or(assignableTo(SecureRandom.class))
                .as("are threads, concurrency, sockets, files or unseeded randomness");
    }
}
