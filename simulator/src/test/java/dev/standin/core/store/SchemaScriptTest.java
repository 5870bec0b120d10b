package dev.standin.core.store;

import dev.standin.db.DefaultCatalog;
import org.jooq.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An in-memory database makes its objects from the schema script the build made instead of running
 * Flyway (a third of a cached start), the default sandbox's each when a query first names it: what they
 * make must be exactly what the migrations make.
 */
class SchemaScriptTest {
    @Test
    void anInMemoryDatabaseMadeFromTheShippedScriptEqualsOneFlywayMigrated() {
        assertTrue(SchemaScript.shipped().isPresent(), "the build ships " + SchemaScript.RESOURCE);
        Database replayed = Database.connect(Optional.empty());
        Database migrated = Database.connect(Optional.empty());
        try {
            SchemaScript.replay(replayed.pool(), SchemaScript.shipped().orElseThrow());
            migrated.migrateWithFlyway();
            List<String> expected = SchemaScript.of(migrated.pool());
            assertTrue(expected.size() > 100, "the migrations make the schemas: " + expected.size() + " statements");
            assertEquals(expected, SchemaScript.of(replayed.pool()));
        } finally {
            replayed.close();
            migrated.close();
        }
    }

    @Test
    void theDefaultDatabaseMadeAsQueriesNameItsObjectsEqualsOneFlywayMigrated() {
        Database lazy = Database.connect(Optional.empty());
        Database migrated = Database.connect(Optional.empty());
        try {
            lazy.migrate();
            assertEquals(0L, lazy.dsl().fetchValue("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'",
                    Long.class), "nothing is made before a query names it");
            for (Schema schema : DefaultCatalog.DEFAULT_CATALOG.getSchemas()) {
                schema.getTables().forEach(table -> assertEquals(0, lazy.dsl().fetchCount(table)));
                schema.getSequences().forEach(sequence -> lazy.dsl().nextval(sequence));
            }
            migrated.migrateWithFlyway();
            List<String> expected = SchemaScript.of(migrated.pool()).stream().filter(sql -> !sql.contains("flyway_schema_history"))
                    .map(SchemaScriptTest::withoutSequenceStart).sorted().toList();
            assertTrue(expected.stream().anyMatch(sql -> sql.contains("FOREIGN KEY")), "the migrations make foreign keys");
            assertEquals(expected, SchemaScript.of(lazy.pool()).stream().map(SchemaScriptTest::withoutSequenceStart).sorted().toList(),
                    "every table, index, constraint (foreign keys too) and sequence, in the order their references need");
        } finally {
            lazy.close();
            migrated.close();
        }
    }

    /** A sequence that was used restarts elsewhere: the script says so. */
    private static String withoutSequenceStart(String sql) {
        return sql.replaceAll(" RESTART WITH \\d+", "").replaceAll(" START WITH \\d+", "");
    }
}
