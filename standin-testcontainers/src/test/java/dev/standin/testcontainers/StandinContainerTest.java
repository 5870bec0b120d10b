package dev.standin.testcontainers;

import org.junit.jupiter.api.Test;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container module against a real Docker: an image made from the jar this build just packaged
 * (the repository's Dockerfile builds the same jar from source) on {@code eclipse-temurin:21-jre}, or
 * on the base image {@code STANDIN_TEST_BASE_IMAGE} names (tools/docker-base-image.sh makes one from
 * the local JDK where no registry is reachable). Skipped, saying so, without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class StandinContainerTest {
    static final Path JAR = Path.of("..", "simulator", "target", "standin.jar").toAbsolutePath().normalize();

    @Container
    static final StandinContainer STANDIN = new StandinContainer(new ImageFromDockerfile("standin-test", false)
            .withFileFromPath("standin.jar", JAR)
            .withDockerfileFromBuilder(b -> b.from(System.getenv().getOrDefault("STANDIN_TEST_BASE_IMAGE", "eclipse-temurin:21-jre"))
                    .copy("standin.jar", "/app/standin.jar")
                    .env("STANDIN_TERMINAL_TRUSTED_NETWORKS", "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,127.0.0.0/8")
                    .entryPoint("java", "-jar", "/app/standin.jar").build()).get())
            .withManualClock("2026-01-01T00:00:00Z").withSeed(7).withScenario(scenario());

    static Path scenario() {
        try {
            Path file = Files.createTempFile("container", ".yaml");
            Files.writeString(file, "version: 1\nname: from-the-host\n");
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theContainerServesEveryProviderWithTheWellKnownCredentials() throws Exception {
        assertEquals("44a9537d-d55d-4b47-8082-14061c2bcdd8", STANDIN.credential("velo", "apiKey"));
        assertEquals("2026-01-01T00:00:00Z", STANDIN.info().path("clock").path("now").asText());
        assertTrue(STANDIN.info().path("scenarios").toString().contains("from-the-host"));
        HttpResponse<String> currencies = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(STANDIN.url("velo") + "/v2/currencies")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, currencies.statusCode());
        HttpResponse<String> device = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(STANDIN.terminalUrl(0) + "/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"requestType\":\"device\",\"resourceType\":\"info\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, device.statusCode(), device.body());
    }
}
