package dev.standin.support;

import dev.standin.Options;
import dev.standin.StandinServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts whole servers in-process on free ports, with a manual clock at a fixed start time. */
public final class TestServer {
    public static final String START_TIME = "2026-01-01T00:00:00Z";

    private static StandinServer shared;

    private TestServer() {
    }

    /** The server most tests share; tests reset it before each test. */
    public static synchronized StandinServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A fresh server of the test's own, with extra options (e.g. "--data-dir", dir). */
    public static StandinServer start(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--host", "127.0.0.1",
                "--port-control", "0", "--port-velo", "0", "--port-vendreo", "0", "--port-qolo", "0",
                "--port-velapay-cloud", "0", "--port-terminals", "0",
                "--clock", "manual", "--start-time", START_TIME, "--seed", "7"));
        args.addAll(List.of(extra));
        StandinServer server = StandinServer.start(Options.parse(args.toArray(String[]::new), Map.of()));
        VeloPublishedContract.watch(server.port("velo"));
        ApiContracts.watch(server.port("control"), "control");
        ApiContracts.watch(server.port("velo"), "velo");
        ApiContracts.watch(server.port("vendreo"), "vendreo");
        ApiContracts.watch(server.port("qolo"), "qolo");
        ApiContracts.watch(server.port("velapayCloud"), "velapay-cloud");
        try {
            ApiContracts.watch(server.listenerPort("terminals", "terminal-1"), "velapay-terminal");
        } catch (IllegalArgumentException noSuchTerminal) {
            // a scenario without terminal-1
        }
        return server;
    }
}
