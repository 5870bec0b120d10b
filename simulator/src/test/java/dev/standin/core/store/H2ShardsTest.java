package dev.standin.core.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Created sandboxes live in in-memory databases of at most {@link H2Shards#SIZE} each: with one database
 * for all, H2 checked every dropped table against every other sandbox's tables, so each removal cost
 * more the more sandboxes existed.
 */
class H2ShardsTest {
    @Test
    void createdSandboxesAreSpreadOverDatabasesOfBoundedSizeAndAnEmptiedOneIsShutDown() {
        List<Database> databases = new ArrayList<>();
        for (int i = 0; i < 2 * H2Shards.SIZE + 1; i++) {
            Database db = Database.shared();
            db.migrate();
            databases.add(db);
        }
        Map<H2Shards.Shard, Long> placed = databases.stream().collect(Collectors.groupingBy(Database::shard, Collectors.counting()));
        assertTrue(placed.size() >= 3, "65 sandboxes in " + placed.size() + " databases");
        placed.keySet().forEach(shard -> assertTrue(shard.sandboxes() <= H2Shards.SIZE, "a database holds " + shard.sandboxes()));
        databases.forEach(db -> assertEquals(0, db.rowCount(), "a new sandbox's tables answer, empty"));

        databases.forEach(Database::close);
        databases.forEach(Database::close); // a second close gives nothing back twice
        List<H2Shards.Shard> emptyButOpen = placed.keySet().stream().filter(s -> s.sandboxes() == 0 && !s.pool.isClosed()).toList();
        assertTrue(emptyButOpen.size() <= 1, "emptied databases still open: " + emptyButOpen.size());
        placed.keySet().forEach(shard -> assertTrue(shard.sandboxes() >= 0, "released more than placed"));
        assertTrue(H2Shards.open() >= 1, "one database stays open for the next sandbox");
        Database again = Database.shared();
        again.migrate();
        assertEquals(0, again.rowCount(), "the next sandbox gets an open database");
        again.close();
    }

    @Test
    void aCreatedSandboxKeepsItsMetaInMemoryAsRowsWouldBeKept() {
        Database db = Database.shared();
        try {
            db.migrate();
            assertEquals(0, db.countStart(), "a created sandbox's first start");
            assertEquals(1, db.count("starts"));
            db.meta("seeded.a", "true");
            assertThrows(IllegalStateException.class, () -> db.dsl().transaction(tx -> {
                db.meta(tx.dsl(), "seeded.b", "true");
                throw new IllegalStateException("the seeding failed");
            }));
            assertEquals(Optional.of("true"), db.meta("seeded.a"));
            assertEquals(Optional.empty(), db.meta("seeded.b"), "a rolled-back write is not kept");
            db.forget("seeded.a");
            assertEquals(Optional.empty(), db.meta("seeded.a"));
            assertEquals(0L, db.dsl().fetchValue("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE " + ownSchemas(db), Long.class),
                    "no table made for it");
        } finally {
            db.close();
        }
    }

    /** The condition on TABLE_SCHEMA of this created sandbox's schemas ({@code SB7_...}): other sandboxes may share its database. */
    private static String ownSchemas(Database db) {
        return "LOCATE('" + db.dsl().render(dev.standin.db.velo.Velo.VELO).replace("\"", "").replace("VELO", "") + "', TABLE_SCHEMA) = 1";
    }
}
