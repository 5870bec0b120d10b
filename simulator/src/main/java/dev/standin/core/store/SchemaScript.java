package dev.standin.core.store;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The migrated H2 schemas as DDL, made at build time ({@link #main}, run by the build after compiling)
 * from a database Flyway migrated, and shipped in the jar: in-memory databases make their tables from it
 * instead of running Flyway, each table's part when a query first names it ({@link H2Schemas}; in a
 * cold JVM Flyway took 0.45 to 0.6 s, replaying all of it 0.12 to 0.15 s). A file database ({@code --data-dir}) and
 * PostgreSQL keep Flyway, whose history they need for later migrations; without the file (classes run
 * from an IDE before a build) everything uses Flyway.
 */
public final class SchemaScript {
    static final String RESOURCE = "/db/h2-schema.sql";
    /** Ends each statement in the file (statements span lines). */
    private static final String END = "\n--;\n";

    private static volatile Optional<List<String>> shipped;

    private SchemaScript() {
    }

    /** Writes the script of the migrations on the classpath to the file {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        JdbcDataSource scratch = new JdbcDataSource();
        scratch.setURL("jdbc:h2:mem:standin-schema-script;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(scratch).locations("classpath:db/migration").load().migrate();
        List<String> statements = of(scratch);
        try (Connection c = scratch.getConnection()) {
            c.createStatement().execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Path file = Path.of(args[0]);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join(END, statements) + END, StandardCharsets.UTF_8);
    }

    /**
     * The schemas of the database behind {@code source} as DDL: no data, no users or settings, nothing of
     * PUBLIC (Flyway's history), and schemas owned by whoever replays it.
     */
    static List<String> of(javax.sql.DataSource source) {
        List<String> statements = new ArrayList<>();
        try (Connection c = source.getConnection(); ResultSet rs = c.createStatement().executeQuery("SCRIPT NODATA")) {
            while (rs.next()) {
                String sql = rs.getString(1);
                if (!sql.startsWith("CREATE USER") && !sql.startsWith("SET ") && !sql.startsWith("--") && !sql.contains("\"PUBLIC\"")) {
                    statements.add(sql.replaceFirst("^(CREATE SCHEMA .*?) AUTHORIZATION \"[^\"]*\"", "$1"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot script the migrated schemas", e);
        }
        return statements;
    }

    /** The script shipped in the jar, if the build made one. */
    static Optional<List<String>> shipped() {
        if (shipped == null) {
            try (InputStream in = SchemaScript.class.getResourceAsStream(RESOURCE)) {
                shipped = in == null ? Optional.empty()
                        : Optional.of(Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split(END))
                        .filter(s -> !s.isBlank()).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shipped;
    }

    /** Runs {@code statements} on {@code source} in one batch. */
    static void replay(javax.sql.DataSource source, List<String> statements) {
        try (Connection c = source.getConnection(); var statement = c.createStatement()) {
            for (String sql : statements) {
                statement.addBatch(sql);
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run the schemas' DDL", e);
        }
    }
}
