package dev.standin.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The acceptance suite on PostgreSQL: with {@code STANDIN_TEST_POSTGRES=jdbc:postgresql://host:port/}
 * (and {@code STANDIN_TEST_POSTGRES_USER}, default postgres), every test server gets a database of its
 * own, created empty, so that the suite's servers never see each other's state (as they do not on H2).
 * Unset: the servers keep H2 in memory.
 */
public final class TestDatabase {
    private static final String BASE = System.getenv("STANDIN_TEST_POSTGRES");
    private static final String USER = System.getenv().getOrDefault("STANDIN_TEST_POSTGRES_USER", "postgres");
    private static final AtomicInteger COUNT = new AtomicInteger();

    private TestDatabase() {
    }

    /** Whether the suite runs on PostgreSQL. */
    public static boolean postgres() {
        return BASE != null && !BASE.isBlank();
    }

    /** The options that put a new test server on a fresh PostgreSQL database, or none. */
    public static List<String> options() {
        if (!postgres()) {
            return List.of();
        }
        String name = "standin_test_" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
        try (Connection c = DriverManager.getConnection(BASE + "postgres", USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + " at " + BASE + ": " + e.getMessage(), e);
        }
        return List.of("--database", BASE + name, "--database-user", USER, "--database-pool", "8");
    }
}
