package dev.standin.core;

import dev.standin.StartupException;
import dev.standin.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupTest {

    @Test
    void aBadScenarioFileStopsStartNamingFileLineAndField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "version: 1\nname: bad\nsettings:\n  instantly: true\n");
        StartupException e = assertThrows(StartupException.class, () -> TestServer.start("--scenario", file.toString()));
        assertTrue(e.getMessage().contains(file + ":4: settings.instantly: unknown key"), e.getMessage());
    }

    @Test
    void aMissingScenarioFileStopsStartNamingIt() {
        StartupException e = assertThrows(StartupException.class, () -> TestServer.start("--scenario", "no/such.yaml"));
        assertTrue(e.getMessage().contains("no/such.yaml"), e.getMessage());
    }

    @Test
    void aFailureScenarioStartedAloneBuildsOnTheDefaultOne() {
        try (var server = TestServer.start("--scenario", "../scenarios/velo-insufficient-funds.yaml")) {
            dev.standin.support.AcceptanceTest.veloToken(server, dev.standin.support.AcceptanceTest.API_KEY,
                    dev.standin.support.AcceptanceTest.API_SECRET);
            dev.standin.support.AcceptanceTest.on(server, "control").get("/_sim/scenarios").then()
                    .body("scenarios.name", org.hamcrest.Matchers.hasItems("default", "velo-insufficient-funds"));
        }
        try (var server = TestServer.start("--no-default-scenario", "--scenario", "../scenarios/velo-insufficient-funds.yaml")) {
            dev.standin.support.AcceptanceTest.on(server, "control").get("/_sim/scenarios").then()
                    .body("scenarios.name", org.hamcrest.Matchers.contains("velo-insufficient-funds"));
        }
    }

    @Test
    void aTerminalPortInUseStopsTheStartInsteadOfMovingTheTerminal(@TempDir Path dir) throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Path file = dir.resolve("lane.yaml");
            Files.writeString(file, "version: 1\nname: lane\nseed:\n  terminals:\n    terminals:\n      - {id: lane-9, port: "
                    + taken.getLocalPort() + ", merchantId: M1, storeSecret: lane-store-secret}\n");
            dev.standin.core.http.ApiError e = assertThrows(dev.standin.core.http.ApiError.class,
                    () -> TestServer.start("--scenario", file.toString()).close());
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
        }
    }

    @Test
    void thePortsFileNamesEveryBoundPort(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ports");
        try (var server = TestServer.start("--ports-file", file.toString())) {
            String ports = Files.readString(file);
            assertTrue(ports.contains("control=" + server.port("control") + "\n"), ports);
            assertTrue(ports.contains("velo=" + server.port("velo") + "\n"), ports);
            assertTrue(ports.contains("terminals/terminal-1=" + server.listenerPort("terminals", "terminal-1") + "\n"), ports);
        }
    }

    @Test
    void everyShippedScenarioLoads() throws IOException {
        try (var files = Files.list(Path.of("../scenarios"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                TestServer.start("--scenario", f.toString()).close();
            }
        }
    }
}
