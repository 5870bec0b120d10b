package dev.standin.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The default sandbox's state in PostgreSQL ({@code --database jdbc:postgresql://...}): a HikariCP pool
 * and the same Flyway migrations as H2. They are written in the dialect both share, except two H2 type
 * names, which PostgreSQL is taught here rather than by editing applied migrations (Flyway checksums
 * the text as written): {@code CLOB} becomes a domain over {@code text}, and V10's one
 * {@code VARBINARY(1048576)} is rewritten to {@code BYTEA} by a placeholder whose prefix and suffix are
 * that type's own syntax.
 */
final class Postgres {
    private Postgres() {
    }

    static Database connect(Database.External external) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(external.url());
        config.setUsername(external.user());
        config.setPassword(external.password());
        config.setMaximumPoolSize(external.poolSize());
        config.setPoolName("standin-postgresql");
        config.setInitializationFailTimeout(10_000); // a wrong URL or a database down fails the start, saying why
        return Database.postgres(new HikariDataSource(config));
    }

    static void migrate(DataSource pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN CREATE DOMAIN public.clob AS text; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the PostgreSQL database for the migrations: " + e.getMessage(), e);
        }
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                // the domain above makes "public" non-empty before the first migration: start the history before V1
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholderPrefix("VARBINARY(")
                .placeholderSuffix(")")
                .placeholders(Map.of("1048576", "BYTEA"))
                .load()
                .migrate();
    }

    static void close(DataSource pool) {
        ((HikariDataSource) pool).close();
    }
}
