package dev.standin.core.store;

import org.jooq.DSLContext;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A created sandbox's schemas in one of the in-memory H2 databases created sandboxes share ({@link H2Shards})
 * ({@code SB7_VELO} for {@code VELO}): made by replaying, renamed, the DDL that Flyway's migrations
 * produced once in a scratch database (about ten times faster than Flyway), each schema when a query
 * first names it, and dropped with the sandbox.
 */
final class H2Schemas {
    /** The migrated schema as DDL (H2's {@code SCRIPT NODATA}), by the schema each statement belongs to. */
    private record Template(Map<String, List<String>> ddl, List<String> schemas) {
    }

    private static volatile Template template;
    private H2Schemas() {
    }

    /** The migrated schemas' names (CORE, VELO, ...). */
    static List<String> names() {
        return template().schemas();
    }

    /** Taken once from a database Flyway migrates for the purpose. */
    private static Template template() {
        if (template == null) {
            synchronized (H2Schemas.class) {
                if (template == null) {
                    Database scratch = Database.connect(Optional.empty());
                    try {
                        scratch.migrate();
                        List<String> statements = scratch.dsl().fetch("SCRIPT NODATA").stream().map(r -> r.get(0, String.class))
                                .filter(sql -> !sql.startsWith("CREATE USER") && !sql.contains("\"PUBLIC\"")).toList();
                        List<String> schemas = scratch.dsl().fetch("SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA "
                                        + "WHERE SCHEMA_NAME NOT IN ('PUBLIC', 'INFORMATION_SCHEMA')")
                                .getValues(0, String.class);
                        Map<String, List<String>> ddl = new LinkedHashMap<>();
                        Pattern names = Pattern.compile("\"(" + String.join("|", schemas) + ")\"");
                        for (String sql : statements) {
                            Matcher m = names.matcher(sql);
                            if (m.find()) { // a statement names one schema: its own (no foreign key crosses schemas)
                                ddl.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(sql);
                            }
                        }
                        template = new Template(ddl, schemas);
                    } finally {
                        scratch.close();
                    }
                }
            }
        }
        return template;
    }

    /**
     * Makes schema {@code schema} of prefix {@code prefix} (its tables, indexes, sequences) unless {@code created}
     * has it, holding {@code ddl}: one sandbox's DDL at a time per database (H2 locks its catalog for each,
     * and concurrent creations timed out on it).
     */
    static void create(DataSource pool, Object ddl, String prefix, String schema, Set<String> created) {
        if (created.contains(schema)) {
            return;
        }
        Template t = template();
        Pattern names = Pattern.compile("\"(" + String.join("|", t.schemas()) + ")\"");
        synchronized (ddl) {
            if (created.contains(schema)) {
                return;
            }
            try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
                for (String sql : t.ddl().getOrDefault(schema, List.of())) {
                    statement.addBatch(names.matcher(sql).replaceAll("\"" + prefix + "$1\""));
                }
                statement.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create schema " + schema + " of a sandbox", e);
            }
            created.add(schema);
        }
    }

    /** Makes the schemas {@code sql} names that {@code created} does not have yet (before it runs). */
    static void createReferenced(String sql, DataSource pool, Object ddl, String prefix, Set<String> created) {
        for (String schema : names()) {
            if (!created.contains(schema) && sql.contains("\"" + prefix + schema + "\"")) {
                create(pool, ddl, prefix, schema, created);
            }
        }
    }

    /** Drops the schemas of prefix {@code prefix} that were made, with all they hold. */
    static void drop(DSLContext dsl, Object ddl, String prefix, Set<String> created) {
        synchronized (ddl) {
            for (String schema : List.copyOf(created)) {
                try {
                    dsl.execute("DROP SCHEMA IF EXISTS \"" + prefix + schema + "\" CASCADE");
                    created.remove(schema);
                } catch (RuntimeException ignored) {
                    // never created
                }
            }
        }
    }
}
