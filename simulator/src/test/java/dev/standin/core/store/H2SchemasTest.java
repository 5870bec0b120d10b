package dev.standin.core.store;

import dev.standin.db.DefaultCatalog;
import org.jooq.Schema;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Created sandboxes' tables leave out foreign keys (H2 gave each an index of its own and made the table
 * it references), keeping an index on a foreign key's columns only where no other index begins with them.
 */
class H2SchemasTest {
    @Test
    void aForeignKeyBecomesAnIndexOnlyWhereNoOtherIndexBeginsWithItsColumns() {
        List<String> script = List.of(
                "CREATE MEMORY TABLE \"VELO\".\"PAYEE\"( \"PAYEE_ID\" UUID NOT NULL, \"PAYOR_ID\" UUID NOT NULL, \"NAME\" CHARACTER VARYING(10) )",
                "ALTER TABLE \"VELO\".\"PAYEE\" ADD CONSTRAINT \"VELO\".\"CONSTRAINT_48\" PRIMARY KEY(\"PAYEE_ID\")",
                "CREATE INDEX \"VELO\".\"PAYEE_BY_PAYOR_NAME\" ON \"VELO\".\"PAYEE\"(\"PAYOR_ID\" NULLS FIRST, \"NAME\" NULLS FIRST)",
                "CREATE MEMORY TABLE \"VELO\".\"INVITE\"( \"INVITE_ID\" UUID NOT NULL, \"PAYEE_ID\" UUID NOT NULL )",
                "ALTER TABLE \"VELO\".\"INVITE\" ADD CONSTRAINT \"VELO\".\"CONSTRAINT_81\" PRIMARY KEY(\"INVITE_ID\")",
                "CREATE MEMORY TABLE \"VELO\".\"PAYEE_DETAIL\"( \"PAYEE_ID\" UUID NOT NULL )",
                "ALTER TABLE \"VELO\".\"PAYEE_DETAIL\" ADD CONSTRAINT \"VELO\".\"CONSTRAINT_3\" PRIMARY KEY(\"PAYEE_ID\")",
                "ALTER TABLE \"VELO\".\"PAYEE\" ADD CONSTRAINT \"VELO\".\"CONSTRAINT_486\" FOREIGN KEY(\"PAYOR_ID\") REFERENCES \"VELO\".\"PAYOR\"(\"PAYOR_ID\") NOCHECK",
                "ALTER TABLE \"VELO\".\"INVITE\" ADD CONSTRAINT \"VELO\".\"CONSTRAINT_810\" FOREIGN KEY(\"PAYEE_ID\") REFERENCES \"VELO\".\"PAYEE\"(\"PAYEE_ID\") NOCHECK",
                "ALTER TABLE \"VELO\".\"PAYEE_DETAIL\" ADD CONSTRAINT \"VELO\".\"CONSTRAINT_32\" FOREIGN KEY(\"PAYEE_ID\") REFERENCES \"VELO\".\"PAYEE\"(\"PAYEE_ID\") NOCHECK");

        List<String> made = H2Schemas.withoutForeignKeys(script);

        assertEquals(script.subList(0, 7), made.subList(0, 7), "everything but the foreign keys is kept as it was");
        assertEquals(List.of("CREATE INDEX \"VELO\".\"CONSTRAINT_810_INDEX\" ON \"VELO\".\"INVITE\"(\"PAYEE_ID\")"), made.subList(7, made.size()),
                "PAYEE's PAYOR_ID begins an index and PAYEE_DETAIL's PAYEE_ID is its primary key: only INVITE's PAYEE_ID needs one");
    }

    @Test
    void aCreatedSandboxOfTheMigratedSchemasMakesItsTablesWithoutForeignKeys() {
        Database db = Database.shared();
        try {
            db.migrate();
            long tables = 0;
            for (Schema schema : DefaultCatalog.DEFAULT_CATALOG.getSchemas()) {
                for (Table<?> table : schema.getTables()) {
                    assertEquals(0, db.dsl().fetchCount(table), table + " is made when named, empty");
                    tables++;
                }
            }
            assertEquals(tables, (long) db.dsl().fetchValue("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE " + ownSchemas(db), Long.class));
            assertEquals(0L, db.dsl().fetchValue("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS "
                    + "WHERE CONSTRAINT_TYPE = 'FOREIGN KEY' AND " + ownSchemas(db), Long.class));
        } finally {
            db.close();
        }
    }

    @Test
    void theObjectsAStatementNamesAreFoundByTheirQualifiedNamesOnly() {
        String sql = "select \"SB7_VELO\".\"PAYEE\".\"PAYEE_ID\" from \"SB7_VELO\".\"PAYEE\" join \"SB7_VELO\".\"INVITE\" "
                + "on \"INVITE\".\"PAYEE_ID\" = \"PAYEE\".\"PAYEE_ID\" where \"SB71_VELO\".\"PAYOR\".x = 1 and \"VELO\".\"PAYMENT\".y = 2";

        assertEquals(List.of("VELO.PAYEE", "VELO.INVITE"), H2Schemas.missing(sql, "SB7_", java.util.Set.of()),
                "each table once, in order; not a column's table, not another sandbox's nor the default's");
        assertEquals(List.of("VELO.INVITE"), H2Schemas.missing(sql, "SB7_", java.util.Set.of("VELO.PAYEE")), "only what is not made yet");
        assertEquals(List.of("VELO.PAYMENT"), H2Schemas.missing(sql, "", java.util.Set.of()), "the default sandbox's, unprefixed");
        assertEquals(List.of(), H2Schemas.missing("select 1 from dual where \"VELO\".\"NO_SUCH\".a = '\".\"'", "", java.util.Set.of()));
    }

    /** The condition on TABLE_SCHEMA of this created sandbox's schemas ({@code SB7_...}): other sandboxes may share its database. */
    private static String ownSchemas(Database db) {
        return "LOCATE('" + db.dsl().render(dev.standin.db.velo.Velo.VELO).replace("\"", "").replace("VELO", "") + "', TABLE_SCHEMA) = 1";
    }
}
