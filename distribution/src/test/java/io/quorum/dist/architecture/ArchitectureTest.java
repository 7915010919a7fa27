package io.quorum.dist.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

    @TestFactory
    Stream<DynamicTest> productionCodeKeepsEveryRule() {
        return ArchitectureRules.all("io.quorum").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(production)));
    }
}
