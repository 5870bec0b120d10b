package dev.standin.support;

import dev.standin.Options;
import dev.standin.Providers;
import dev.standin.StandinServer;
import dev.standin.core.provider.ProviderModule;

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
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port-control", "0"));
        args.addAll(freePorts());
        args.addAll(List.of("--clock", "manual", "--start-time", START_TIME, "--seed", "7"));
        args.addAll(List.of(extra));
        if (!args.contains("--data-dir")) {
            args.addAll(TestDatabase.options());
        }
        StandinServer server = StandinServer.start(Options.parse(args.toArray(String[]::new), Map.of()));
        VeloPublishedContract.watch(server.port("velo"), server::serving);
        ApiContracts.watch(server.port("control"), "control", server::serving);
        for (ProviderModule m : Providers.all()) {
            if (m.openApiDocument() == null) {
                continue;
            }
            if (m.hasOwnPort()) {
                ApiContracts.watch(server.port(m.name()), m.openApiDocument(), server::serving);
            } else {
                try {
                    ApiContracts.watch(server.listenerPort(m.name(), "terminal-1"), m.openApiDocument(), server::serving);
                } catch (IllegalArgumentException noSuchDevice) {
                    // a scenario without the default scenario's first device
                }
            }
        }
        return server;
    }

    /** {@code --port-<api> 0} for every provider: each on a free port. */
    public static List<String> freePorts() {
        List<String> args = new ArrayList<>();
        for (ProviderModule m : Providers.all()) {
            args.add(Providers.portOption(m.name()));
            args.add("0");
        }
        return args;
    }
}
