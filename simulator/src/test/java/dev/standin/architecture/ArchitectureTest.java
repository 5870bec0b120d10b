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

    /**
     * Adding a provider is a module in {@code Providers}; its port option, default port, help line,
     * documents and test ports follow from the module. The scenario schema (a file editors read) is
     * the one place to name it again: checked here.
     */
    @Test
    void everyProviderIsInTheScenarioSchemaAndHasItsPortOption() throws java.io.IOException {
        var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.nio.file.Path.of("../scenarios/scenario.schema.json").toFile());
        java.util.Set<String> names = new java.util.TreeSet<>();
        dev.standin.Providers.all().forEach(m -> names.add(m.name()));
        java.util.Set<String> inEnum = new java.util.TreeSet<>();
        schema.path("$defs").path("provider").path("enum").forEach(n -> inEnum.add(n.asText()));
        java.util.Set<String> seeded = new java.util.TreeSet<>();
        schema.path("properties").path("seed").path("properties").fieldNames().forEachRemaining(seeded::add);
        org.junit.jupiter.api.Assertions.assertEquals(names, inEnum, "scenario.schema.json $defs.provider.enum");
        org.junit.jupiter.api.Assertions.assertEquals(names, seeded, "scenario.schema.json properties.seed");
        String usage = dev.standin.Options.usage();
        for (String name : names) {
            org.junit.jupiter.api.Assertions.assertTrue(usage.contains(dev.standin.Providers.portOption(name) + " N"), usage);
        }
        org.junit.jupiter.api.Assertions.assertEquals("--port-velapay-cloud", dev.standin.Providers.portOption("velapayCloud"));
    }
}
