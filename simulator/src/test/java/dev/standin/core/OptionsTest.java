package dev.standin.core;

import dev.standin.Options;
import dev.standin.StartupException;
import dev.standin.core.clock.ClockMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    @Test
    void defaultsAreTheDocumentedPorts() {
        Options o = Options.parse(new String[0], Map.of());
        assertEquals(8080, o.port("control"));
        assertEquals(8081, o.port("velo"));
        assertEquals(8084, o.port("velapayCloud"));
        assertEquals(7501, o.port("terminals"));
        assertEquals(ClockMode.SYSTEM, o.clock());
        assertEquals("0.0.0.0", o.host());
    }

    @Test
    void helpListsEveryOptionOnItsOwnLineInOneColumn() {
        for (String line : Options.usage().lines().toList()) {
            if (line.strip().startsWith("--")) {
                assertTrue(line.startsWith("  --") && line.indexOf("   --") < 0,
                        "an option out of its column or two on a line: '" + line + "'");
            }
        }
        assertTrue(Options.usage().contains("\n  --port-velo N "), Options.usage());
    }

    @Test
    void flagWinsOverEnvironmentVariable() {
        Options o = Options.parse(new String[]{"--port-velo", "9001", "--seed=5"},
                Map.of("STANDIN_PORT_VELO", "9000", "STANDIN_SEED", "4", "STANDIN_CLOCK", "manual"));
        assertEquals(9001, o.port("velo"));
        assertEquals(5, o.seed());
        assertEquals(ClockMode.MANUAL, o.clock());
    }

    @Test
    void portOffsetMovesDefaultsButNotExplicitPorts() {
        Options o = Options.parse(new String[]{"--port-offset", "100", "--port-velo", "0"}, Map.of());
        assertEquals(8180, o.port("control"));
        assertEquals(0, o.port("velo"));
        assertEquals(7601, o.port("terminals"));
    }

    @Test
    void scenarioIsRepeatableAndCommaSeparatedInTheEnvironment() {
        assertEquals(List.of("a.yaml", "b.yaml"),
                Options.parse(new String[]{"--scenario", "a.yaml", "--scenario", "b.yaml"}, Map.of()).scenarios());
        assertEquals(List.of("a.yaml", "b.yaml"),
                Options.parse(new String[0], Map.of("STANDIN_SCENARIO", "a.yaml,b.yaml")).scenarios());
    }

    @Test
    void badValuesNameTheOption() {
        assertTrue(assertThrows(StartupException.class, () -> Options.parse(new String[]{"--port-velo", "abc"}, Map.of()))
                .getMessage().contains("--port-velo"));
        assertTrue(assertThrows(StartupException.class, () -> Options.parse(new String[]{"--clock", "fast"}, Map.of()))
                .getMessage().contains("--clock"));
        assertTrue(assertThrows(StartupException.class, () -> Options.parse(new String[]{"--start-time", "yesterday"}, Map.of()))
                .getMessage().contains("--start-time"));
        assertTrue(assertThrows(StartupException.class, () -> Options.parse(new String[]{"--colour", "red"}, Map.of()))
                .getMessage().contains("--colour"));
        assertTrue(assertThrows(StartupException.class, () -> Options.parse(new String[0], Map.of("STANDIN_PORT_QOLO", "70000")))
                .getMessage().contains("--port-qolo"));
    }

    @Test
    void theDatabaseOptionsNameAPostgresqlDatabaseAndExcludeADataDirectory() {
        Options o = Options.parse(new String[]{"--database-pool", "4"}, Map.of("STANDIN_DATABASE", "jdbc:postgresql://db:5432/standin",
                "STANDIN_DATABASE_PASSWORD", "secret", "STANDIN_HEAP_LIMIT_PERCENT", "80"));
        var db = o.location().external().orElseThrow();
        assertEquals("jdbc:postgresql://db:5432/standin", db.url());
        assertEquals("standin", db.user());
        assertEquals("secret", db.password());
        assertEquals(4, db.poolSize());
        assertEquals(80, o.heapLimitPercent());
        var notPostgres = org.junit.jupiter.api.Assertions.assertThrows(dev.standin.StartupException.class,
                () -> Options.parse(new String[]{"--database", "jdbc:mysql://db/x"}, Map.of()));
        org.junit.jupiter.api.Assertions.assertTrue(notPostgres.getMessage().contains("PostgreSQL JDBC URL"));
        var both = org.junit.jupiter.api.Assertions.assertThrows(dev.standin.StartupException.class,
                () -> Options.parse(new String[]{"--database", "jdbc:postgresql://db/x", "--data-dir", "/tmp/x"}, Map.of()));
        org.junit.jupiter.api.Assertions.assertTrue(both.getMessage().contains("give one"));
    }

    @Test
    void writesTakeTurnsTwoPerCoreUnlessOnPostgresql() {
        assertEquals(2 * Runtime.getRuntime().availableProcessors(), Options.parse(new String[0], Map.of()).maxConcurrentRequests());
        assertEquals(0, Options.parse(new String[]{"--database", "jdbc:postgresql://db/x"}, Map.of()).maxConcurrentRequests());
        assertEquals(6, Options.parse(new String[]{"--database", "jdbc:postgresql://db/x"},
                Map.of("STANDIN_MAX_CONCURRENT_REQUESTS", "6")).maxConcurrentRequests());
        assertTrue(assertThrows(StartupException.class, () -> Options.parse(new String[]{"--max-concurrent-requests", "-1"}, Map.of()))
                .getMessage().contains("--max-concurrent-requests"));
    }
}
