package dev.standin.core.store;

import dev.standin.core.Lazy;
import org.jooq.DSLContext;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of an in-memory H2 database: a created sandbox's in one of the databases created sandboxes
 * share ({@link H2Shards}), in schemas of its own ({@code SB7_VELO} for {@code VELO}), and the default
 * sandbox's in its own. Made by replaying (renamed for a created sandbox) the DDL of Flyway's migrations
 * the build took ({@link SchemaScript}; about ten times faster than Flyway), each table (with its indexes
 * and constraints, after the tables it references) or sequence when a query first names it, and dropped
 * with the sandbox. H2 keeps about 10 KB of description per table and index whether it holds rows or
 * not, and a sandbox of the default scenario uses a fraction of the tables of the providers it seeds: it
 * pays for what it uses (and the default sandbox opens faster: making all of them was a fifth of it).
 *
 * <p>Foreign keys are left out of created sandboxes' tables ({@link #withoutForeignKeys}): each cost H2 an index of
 * its own even where another index begins with its columns, and made the referenced table too (Velo's
 * empty {@code APPLICATION} for {@code API_KEY}), a fifth of a default sandbox's memory. No code relies
 * on them (a violation is a bug, never an answer), and the default sandbox's and PostgreSQL's tables,
 * which every test drives, keep them. A foreign key's columns keep an index where no other index begins
 * with them, so the same lookups stay indexed.
 */
final class H2Schemas {
    /**
     * The migrated schemas as DDL (H2's {@code SCRIPT NODATA}): each schema's creation, each object's
     * (table or sequence, {@code VELO.PAYEE}) statements, the objects each one's references need first,
     * and the pattern of the schemas' names in a statement, to rename them.
     */
    private record Template(List<String> schemas, Map<String, String> schemaDdl, Map<String, List<String>> ddl,
                            Map<String, Set<String>> needs, Pattern schemaNames) {
    }

    /** A schema-qualified name in the DDL: {@code "VELO"."PAYEE"}. */
    private static final Pattern QUALIFIED = Pattern.compile("\"([A-Z_]+)\"\\.\"([A-Za-z0-9_]+)\"");
    /** The statements that make an object of their own. */
    private static final Pattern OBJECT = Pattern.compile("^CREATE (?:MEMORY |CACHED )?(?:TABLE|SEQUENCE) \"([A-Z_]+)\"\\.\"([A-Za-z0-9_]+)\"");
    /** A schema's creation: its name. */
    private static final Pattern SCHEMA = Pattern.compile("^CREATE SCHEMA (?:IF NOT EXISTS )?\"([A-Z_]+)\"");
    /** A foreign key: its table, its name and its columns ({@code "PAYEE_ID"}). */
    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "^ALTER TABLE (\"[A-Z_]+\"\\.\"[A-Za-z0-9_]+\") ADD CONSTRAINT (\"[A-Z_]+\"\\.\"[A-Za-z0-9_]+)\" FOREIGN KEY\\(([^)]*)\\)");
    /** An index, primary key or unique constraint: its table and its columns. */
    private static final Pattern INDEX = Pattern.compile(
            "^(?:CREATE (?:UNIQUE )?INDEX \"[A-Z_]+\"\\.\"[A-Za-z0-9_]+\" ON |ALTER TABLE )(\"[A-Z_]+\"\\.\"[A-Za-z0-9_]+\")"
                    + "(?: ADD CONSTRAINT \\S+ (?:PRIMARY KEY|UNIQUE NULLS DISTINCT |UNIQUE ))?\\(([^)]*)\\)");

    /** Created sandboxes' (foreign keys left out) and the default in-memory database's (all of them), made once. */
    private static final Lazy<Template> WITHOUT_KEYS = new Lazy<>(() -> template(false));
    private static final Lazy<Template> WITH_KEYS = new Lazy<>(() -> template(true));

    private H2Schemas() {
    }

    /** The migrated schemas' names (CORE, VELO, ...). */
    static List<String> names() {
        return WITHOUT_KEYS.get().schemas();
    }

    /**
     * Taken from the script the build made ({@link SchemaScript}), or else from a database Flyway
     * migrates for the purpose; with the foreign keys or without them.
     */
    private static Template template(boolean foreignKeys) {
        List<String> statements = SchemaScript.shipped().orElseGet(H2Schemas::migratedScratch);
        List<String> schemas = new ArrayList<>();
        for (String sql : statements) {
            Matcher m = SCHEMA.matcher(sql);
            if (m.find()) {
                schemas.add(m.group(1));
            }
        }
        return foreignKeys ? parse(statements, schemas) : parse(withoutForeignKeys(statements), schemas);
    }

    private static List<String> migratedScratch() {
        Database scratch = Database.connect(Optional.empty());
        try {
            scratch.migrateWithFlyway();
            return SchemaScript.of(scratch.pool());
        } finally {
            scratch.close();
        }
    }

    /**
     * {@code statements} with each foreign key left out, or replaced by an index on its columns when no
     * index, primary key or unique constraint of its table begins with them.
     */
    static List<String> withoutForeignKeys(List<String> statements) {
        Map<String, List<String>> indexed = new HashMap<>(); // table -> each index's columns, "\"A\", \"B\""
        for (String sql : statements) {
            Matcher m = INDEX.matcher(sql);
            if (!FOREIGN_KEY.matcher(sql).find() && m.find()) {
                indexed.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2).replace(" NULLS FIRST", ""));
            }
        }
        List<String> kept = new ArrayList<>();
        for (String sql : statements) {
            Matcher fk = FOREIGN_KEY.matcher(sql);
            if (!fk.find()) {
                kept.add(sql);
                continue;
            }
            String columns = fk.group(3);
            boolean covered = indexed.getOrDefault(fk.group(1), List.of()).stream()
                    .anyMatch(index -> index.equals(columns) || index.startsWith(columns + ","));
            if (!covered) {
                kept.add("CREATE INDEX " + fk.group(2) + "_INDEX\" ON " + fk.group(1) + "(" + columns + ")");
                indexed.computeIfAbsent(fk.group(1), k -> new ArrayList<>()).add(columns);
            }
        }
        return kept;
    }

    private static Template parse(List<String> statements, List<String> schemas) {
        Map<String, String> schemaDdl = new LinkedHashMap<>();
        Map<String, List<String>> ddl = new LinkedHashMap<>();
        for (String sql : statements) {
            Matcher m = OBJECT.matcher(sql);
            if (m.find()) {
                ddl.put(m.group(1) + "." + m.group(2), new ArrayList<>());
            }
        }
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        for (String sql : statements) {
            if (sql.startsWith("CREATE SCHEMA")) {
                schemas.stream().filter(s -> sql.contains("\"" + s + "\"")).findFirst().ifPresent(s -> schemaDdl.put(s, sql));
                continue;
            }
            // the statement belongs to the first object it names (an index or constraint's own name is not one);
            // any other object it names (a foreign key's table) must exist first. No reference crosses schemas.
            List<String> named = new ArrayList<>();
            Matcher m = QUALIFIED.matcher(sql);
            while (m.find()) {
                String key = m.group(1) + "." + m.group(2);
                if (ddl.containsKey(key) && !named.contains(key)) {
                    named.add(key);
                }
            }
            if (named.isEmpty()) {
                continue;
            }
            ddl.get(named.get(0)).add(sql);
            needs.computeIfAbsent(named.get(0), k -> new LinkedHashSet<>()).addAll(named.subList(1, named.size()));
        }
        return new Template(schemas, schemaDdl, ddl, needs, Pattern.compile("\"(" + String.join("|", schemas) + ")\""));
    }

    /** How many objects (tables and sequences) there are to make. */
    static int objects() {
        return WITHOUT_KEYS.get().ddl().size();
    }

    /**
     * Makes the objects {@code sql} names ({@code "SB7_VELO"."PAYEE"} for prefix {@code SB7_}, or
     * {@code "VELO"."PAYEE"} for prefix "") that {@code created} does not have yet (before it runs), with
     * the objects they reference, holding {@code lock}: one sandbox's DDL at a time per database (H2 locks
     * its catalog for each, and concurrent creations timed out on it).
     */
    static void createReferenced(String sql, String prefix, boolean foreignKeys, DataSource pool, Object lock, Set<String> created) {
        Template t = foreignKeys ? WITH_KEYS.get() : WITHOUT_KEYS.get();
        List<String> missing = missing(sql, prefix, t, created);
        if (missing.isEmpty()) {
            return;
        }
        synchronized (lock) {
            List<String> batch = new ArrayList<>();
            Set<String> adding = new HashSet<>();
            missing.forEach(key -> plan(t, key, created, adding, batch));
            if (batch.isEmpty()) {
                return; // made meanwhile
            }
            SchemaScript.replay(pool, prefix.isEmpty() ? batch
                    : batch.stream().map(ddl -> t.schemaNames().matcher(ddl).replaceAll("\"" + prefix + "$1\"")).toList());
            created.addAll(adding);
        }
    }

    /**
     * The objects {@code sql} names that are not made yet. It runs before every statement until all are
     * made, so it only looks where a name is qualified ({@code "."}), and makes a key only for a known
     * schema's name ahead of it (a column's {@code "PAYEE"."ID"} costs a comparison, no string), where a
     * regular expression stepped through every character of the statement.
     */
    static List<String> missing(String sql, String prefix, Set<String> created) {
        return missing(sql, prefix, WITHOUT_KEYS.get(), created);
    }

    private static List<String> missing(String sql, String prefix, Template t, Set<String> created) {
        List<String> missing = List.of();
        for (int dot = sql.indexOf("\".\""); dot > 0; dot = sql.indexOf("\".\"", dot + 3)) {
            int open = sql.lastIndexOf('"', dot - 1);
            int close = sql.indexOf('"', dot + 3);
            if (open < 0 || close < 0 || !sql.startsWith(prefix, open + 1)) {
                continue;
            }
            String schema = schemaAt(t, sql, open + 1 + prefix.length(), dot);
            if (schema == null) {
                continue;
            }
            String key = schema + "." + sql.substring(dot + 3, close);
            if (!created.contains(key) && t.ddl().containsKey(key) && !missing.contains(key)) {
                if (missing.isEmpty()) {
                    missing = new ArrayList<>();
                }
                missing.add(key);
            }
        }
        return missing;
    }

    /** The schema whose name is {@code sql} from {@code start} to {@code end}, or null. */
    private static String schemaAt(Template t, String sql, int start, int end) {
        for (String schema : t.schemas()) {
            if (schema.length() == end - start && sql.regionMatches(start, schema, 0, schema.length())) {
                return schema;
            }
        }
        return null;
    }

    /** Adds to {@code batch} what makes {@code key}: its schema unless made, the objects it references, then its own statements. */
    private static void plan(Template t, String key, Set<String> created, Set<String> adding, List<String> batch) {
        if (created.contains(key) || !adding.add(key)) {
            return;
        }
        String schema = key.substring(0, key.indexOf('.'));
        if (!created.contains(schema) && adding.add(schema)) {
            batch.add(t.schemaDdl().get(schema));
        }
        for (String needed : t.needs().getOrDefault(key, Set.of())) {
            plan(t, needed, created, adding, batch);
        }
        batch.addAll(t.ddl().get(key));
    }

    /** Drops the schemas of prefix {@code prefix} that were made, with all they hold. */
    static void drop(DSLContext dsl, Object lock, String prefix, Set<String> created) {
        synchronized (lock) {
            for (String schema : names()) {
                if (!created.contains(schema)) {
                    continue;
                }
                try {
                    dsl.execute("DROP SCHEMA IF EXISTS \"" + prefix + schema + "\" CASCADE");
                    created.removeIf(name -> name.equals(schema) || name.startsWith(schema + "."));
                } catch (RuntimeException ignored) {
                    // the database is closed already
                }
            }
        }
    }
}
