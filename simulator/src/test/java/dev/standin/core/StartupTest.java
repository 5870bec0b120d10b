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
    void everyShippedScenarioLoads() throws IOException {
        try (var files = Files.list(Path.of("../scenarios"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                TestServer.start("--scenario", f.toString()).close();
            }
        }
    }
}
