package dev.standin.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Two packaged servers on one fresh PostgreSQL database (STANDIN_TEST_POSTGRES; skipped without it),
 * each with a manual clock from 2026-01-01: what the tests of several instances start from.
 */
public abstract class TwoInstances {
    /** The options that put a server on the shared database (its URL at 1, its user at 3). */
    protected List<String> database;
    /** The options both servers were started with (to start another like them). */
    protected List<String> args;
    protected PackagedServer a;
    protected PackagedServer b;

    @BeforeEach
    void twoInstancesOnOneDatabase() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "STANDIN_TEST_POSTGRES is not set: no PostgreSQL to share");
        database = TestDatabase.options();
        args = new ArrayList<>(List.of("--clock", "manual", "--start-time", "2026-01-01T00:00:00Z"));
        args.addAll(database);
        a = PackagedServer.start(List.of(), args);
        b = PackagedServer.start(List.of(), args);
    }

    @AfterEach
    void stopBoth() throws InterruptedException {
        for (PackagedServer s : new PackagedServer[]{a, b}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** The first column of the first row {@code sql} answers on the shared database, as a number. */
    protected int count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database.get(1), database.get(3), "");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
