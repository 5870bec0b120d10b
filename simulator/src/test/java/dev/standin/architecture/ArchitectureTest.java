package dev.standin.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The brief's structural rules, checked on the compiled main classes. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.standin");

    @Test
    void coreNeverImportsAProvider() {
        noClasses().that().resideInAPackage("dev.standin.core..")
                .should().dependOnClassesThat().resideInAPackage("dev.standin.provider..")
                .check(MAIN);
    }

    @Test
    void providersNeverImportEachOther() {
        slices().matching("dev.standin.provider.(*)..").should().notDependOnEachOther().check(MAIN);
    }

    @Test
    void onlyTheCoreClockReadsTheWallClock() {
        noClasses().that().resideOutsideOfPackage("dev.standin.core.clock..")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .check(MAIN);
    }

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("dev.standin.core.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
