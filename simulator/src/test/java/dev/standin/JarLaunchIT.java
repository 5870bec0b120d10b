package dev.standin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Launches the packaged {@code standin.jar} itself, as the Dockerfile and run.sh do. */
class JarLaunchIT {
    private static final String JAR = System.getProperty("standin.jar", "target/standin.jar");

    @Test
    void theJarAloneStartsWithTheBuiltInDefaultScenarioAndBecomesHealthy() throws Exception {
        int control = freePort();
        int velo = freePort();
        List<String> ports = new ArrayList<>(dev.standin.support.TestServer.freePorts()); // the last of two values wins
        ports.addAll(List.of("--port-control", String.valueOf(control), "--port-velo", String.valueOf(velo)));
        Process process = launch(ports.toArray(String[]::new));
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> health = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                try {
                    health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + "/_sim/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertEquals(200, health == null ? -1 : health.statusCode());
            String info = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + "/_sim/info")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(info.contains("\"scenarios\":[\"default\"]"), info);
            assertTrue(info.contains("\"velo\":" + velo), info);
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBadOptionExitsWithCode2NamingTheOption() throws Exception {
        Process process = launch("--port-velo", "eighty");
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertTrue(output(process).contains("--port-velo"));
    }

    @Test
    void aBadScenarioExitsWithCode2NamingFileLineAndField() throws Exception {
        Path file = Files.createTempFile("standin-bad", ".yaml");
        Files.writeString(file, "version: 1\nname: bad\nrules:\n  - match: {provider: nowhere}\n    effect: {hold: true}\n");
        Process process = launch("--scenario", file.toString(), "--port-control", "0", "--port-velo", "0");
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        String out = output(process);
        assertTrue(out.contains(file + ":4: rules[0].match.provider"), out);
    }

    @Test
    void anOlderJavaIsToldWhatItNeedsInsteadOfAClassVersionError() throws Exception {
        Path old = null;
        try (var homes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path home : homes.toList()) {
                String name = home.getFileName().toString();
                if ((name.contains("-17-") || name.contains("-11-") || name.contains("-1.8")) && Files.isExecutable(home.resolve("bin/java"))) {
                    old = home.resolve("bin/java");
                    break;
                }
            }
        } catch (IOException noJvmFolder) {
            old = null;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(old != null, "no Java older than 21 under /usr/lib/jvm to try the jar with");
        Process process = new ProcessBuilder(old.toString(), "-jar", JAR, "--help").redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        String out = output(process);
        assertEquals(2, process.exitValue(), out);
        assertTrue(out.contains("needs Java 21 or newer"), out);
        assertTrue(!out.contains("UnsupportedClassVersionError"), out);
    }

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
