package dev.standin.core.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An in-memory default sandbox replays the schema script the build made instead of running Flyway
 * (a third of a cached start): what it makes must be exactly what the migrations make.
 */
class SchemaScriptTest {
    @Test
    void anInMemoryDatabaseMadeFromTheShippedScriptEqualsOneFlywayMigrated() {
        assertTrue(SchemaScript.shipped().isPresent(), "the build ships " + SchemaScript.RESOURCE);
        Database replayed = Database.connect(Optional.empty());
        Database migrated = Database.connect(Optional.empty());
        try {
            replayed.migrate();
            migrated.migrateWithFlyway();
            List<String> expected = SchemaScript.of(migrated.pool());
            assertTrue(expected.size() > 100, "the migrations make the schemas: " + expected.size() + " statements");
            assertEquals(expected, SchemaScript.of(replayed.pool()));
        } finally {
            replayed.close();
            migrated.close();
        }
    }
}
