package io.quorum.dist.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Checks every rule over the production classes of all modules (distribution sees them all). */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.quorum");
    }

    /**
     * The plugin jars the distribution ships ({@code target/plugins}), which no test class path
     * holds: imported from the jars, and checked against every rule too.
     */
    @TestFactory
    Stream<DynamicTest> shippedPluginsKeepEveryRule() throws java.io.IOException {
        java.nio.file.Path plugins = java.nio.file.Path.of(System.getProperty("quorum.plugins"));
        List<java.nio.file.Path> jars;
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(plugins)) {
            jars = files.filter(path -> path.toString().endsWith(".jar")).toList();
        }
        List<java.util.jar.JarFile> jarFiles = new java.util.ArrayList<>();
        for (java.nio.file.Path jar : jars) {
            jarFiles.add(new java.util.jar.JarFile(jar.toFile()));
        }
        JavaClasses pluginClasses = new ClassFileImporter().importJars(jarFiles);
        for (java.util.jar.JarFile jarFile : jarFiles) {
            jarFile.close();
        }
        org.assertj.core.api.Assertions.assertThat(pluginClasses).as("classes in " + jars).isNotEmpty();
        return ArchitectureRules.all("io.quorum").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(),
                        () -> rule.allowEmptyShould(true).check(pluginClasses)));
    }

    @TestFactory
    Stream<DynamicTest> productionCodeKeepsEveryRule() {
        return ArchitectureRules.all("io.quorum").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(production)));
    }
}
