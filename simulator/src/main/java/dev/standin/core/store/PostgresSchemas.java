package dev.standin.core.store;

import dev.standin.db.DefaultCatalog;
import org.jooq.Schema;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A created sandbox's schemas on PostgreSQL ({@code sb7_core}, {@code sb7_velo}, ... for sandbox
 * {@code sb7}): copies of the migrated ones, made in one transaction from what PostgreSQL's catalog says
 * of them ({@code CREATE TABLE ... (LIKE ... INCLUDING ALL)} keeps columns, defaults, identities, checks
 * and indexes; foreign keys and free-standing sequences are added after), so they follow the
 * migrations without a second copy of them. {@code core.instance} stays one table for the whole
 * database: a sandbox's {@code instance} is a view of it, so its holds and webhook attempts know
 * which instances are alive. {@code core.sandbox} (the list of sandboxes) is not copied.
 */
final class PostgresSchemas {
    /** Stands for the sandbox's prefix in {@link #template}'s statements. */
    private static final String PREFIX = "\u0000";
    private static volatile List<String> template;

    private PostgresSchemas() {
    }

    /** The migrated schemas' names, as jOOQ's generated code spells them (CORE, VELO, ...). */
    static List<String> names() {
        return DefaultCatalog.DEFAULT_CATALOG.getSchemas().stream().map(Schema::getName).toList();
    }

    /** Makes the schemas of prefix {@code prefix} ({@code SB7_}) unless they exist; answers whether it made them. */
    static boolean create(DataSource pool, String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        try (Connection c = pool.getConnection()) {
            if (exists(c, p + "core")) {
                return false;
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : template(c)) {
                    s.addBatch(sql.replace(PREFIX, p));
                }
                s.executeBatch();
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the schemas of sandbox " + p + ": " + e.getMessage(), e);
        }
    }

    /** Drops the schemas of prefix {@code prefix} with all they hold. */
    static void drop(DataSource pool, String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        List<String> schemas = lowerNames().stream().map(n -> "\"" + p + n + "\"").toList();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + String.join(", ", schemas) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the schemas of sandbox " + p + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code table} is the whole database's, not copied per sandbox (core.instance, core.sandbox). */
    static boolean wholeDatabase(org.jooq.Table<?> table) {
        return table.getSchema() != null && table.getSchema().getName().equals("CORE")
                && (table.getName().equals("INSTANCE") || table.getName().equals("SANDBOX"));
    }

    private static List<String> lowerNames() {
        return names().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    private static boolean exists(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** The statements that copy the migrated schemas, with {@link #PREFIX} where the sandbox's prefix goes; read once. */
    private static List<String> template(Connection c) throws SQLException {
        List<String> t = template;
        if (t != null) {
            return t;
        }
        List<String> schemas = lowerNames();
        List<String> out = new ArrayList<>();
        for (String schema : schemas) {
            out.add("CREATE SCHEMA \"" + PREFIX + schema + "\"");
        }
        Array names = c.createArrayOf("text", schemas.toArray());
        query(c, "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ANY (?) "
                + "AND table_type = 'BASE TABLE' ORDER BY 1, 2", names, r -> {
            String schema = r.getString(1);
            String table = r.getString(2);
            String copy = "\"" + PREFIX + schema + "\".\"" + table + "\"";
            String original = "\"" + schema + "\".\"" + table + "\"";
            if (schema.equals("core") && table.equals("instance")) {
                out.add("CREATE VIEW " + copy + " AS SELECT * FROM " + original);
            } else if (!(schema.equals("core") && table.equals("sandbox"))) {
                out.add("CREATE TABLE " + copy + " (LIKE " + original + " INCLUDING ALL)");
            }
        });
        // sequences of their own (an identity column's came with its table)
        query(c, "SELECT n.nspname, s.relname, q.seqstart FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace "
                + "JOIN pg_sequence q ON q.seqrelid = s.oid WHERE s.relkind = 'S' AND n.nspname = ANY (?) "
                + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = s.oid AND d.deptype IN ('a', 'i')) ORDER BY 1, 2", names,
                r -> out.add("CREATE SEQUENCE \"" + PREFIX + r.getString(1) + "\".\"" + r.getString(2) + "\" START WITH " + r.getLong(3)));
        query(c, "SELECT n.nspname, t.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
                + "JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE k.contype = 'f' AND n.nspname = ANY (?) ORDER BY 1, 2, 3", names, r -> {
            String definition = r.getString(4);
            for (String schema : schemas) { // the referenced table is named with its schema (none is on the search path)
                definition = definition.replace("REFERENCES " + schema + ".", "REFERENCES \"" + PREFIX + schema + "\".");
            }
            out.add("ALTER TABLE \"" + PREFIX + r.getString(1) + "\".\"" + r.getString(2) + "\" ADD CONSTRAINT \""
                    + r.getString(3) + "\" " + definition);
        });
        template = List.copyOf(out);
        return template;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection c, String sql, Array names, RowReader reader) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, names);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reader.read(r);
                }
            }
        }
    }
}
