package dev.standin.testcontainers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Standin in a container: its image (build it with {@code docker build -t standin .} at the repository's
 * root), every provider port exposed, ready once {@code /_sim/health} answers 200; the providers' URLs
 * and the well-known credentials are read from {@code /_sim/info}.
 */
public class StandinContainer extends GenericContainer<StandinContainer> {
    public static final int CONTROL = 8080;
    private static final Map<String, Integer> PORTS = Map.of("velo", 8081, "vendreo", 8082, "qolo", 8083, "velapayCloud", 8084);
    private static final int FIRST_TERMINAL = 7501;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> scenarios = new ArrayList<>();
    private int terminals = 1;
    private JsonNode info;

    /** The image built from this repository's Dockerfile as {@code standin:latest}. */
    public StandinContainer() {
        this(DockerImageName.parse("standin:latest"));
    }

    public StandinContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public StandinContainer(DockerImageName image) {
        super(image);
        waitingFor(Wait.forHttp("/_sim/health").forPort(CONTROL).forStatusCode(200).withStartupTimeout(Duration.ofSeconds(60)));
    }

    @Override
    protected void configure() {
        List<Integer> ports = new ArrayList<>(List.of(CONTROL));
        ports.addAll(PORTS.values());
        for (int i = 0; i < terminals; i++) {
            ports.add(FIRST_TERMINAL + i);
        }
        withExposedPorts(ports.toArray(Integer[]::new));
        if (!scenarios.isEmpty()) {
            withEnv("STANDIN_SCENARIO", String.join(",", scenarios));
        }
    }

    /** A scenario file of the host, loaded at start on top of the default scenario. */
    public StandinContainer withScenario(Path file) {
        String inside = "/tmp/scenarios/" + scenarios.size() + "-" + file.getFileName();
        withCopyFileToContainer(MountableFile.forHostPath(file), inside);
        scenarios.add(inside);
        return self();
    }

    /** The seed of the id and random streams: the same seed and requests give the same ids. */
    public StandinContainer withSeed(long seed) {
        return withEnv("STANDIN_SEED", Long.toString(seed));
    }

    /** A virtual clock that moves only when advanced ({@code POST /_sim/clock/advance}), starting at {@code start}. */
    public StandinContainer withManualClock(String start) {
        return withEnv("STANDIN_CLOCK", "manual").withEnv("STANDIN_START_TIME", start);
    }

    public StandinContainer withManualClock() {
        return withEnv("STANDIN_CLOCK", "manual");
    }

    /** How many terminal ports (7501 and up) to expose; 1 by default, for the default scenario's terminal-1. */
    public StandinContainer withTerminalPorts(int count) {
        this.terminals = count;
        return self();
    }

    /** The control API's URL on the host. */
    public String controlUrl() {
        return "http://" + getHost() + ":" + getMappedPort(CONTROL);
    }

    /** A provider's URL on the host: velo, vendreo, qolo or velapayCloud. */
    public String url(String provider) {
        Integer port = PORTS.get(provider);
        if (port == null) {
            throw new IllegalArgumentException("no provider '" + provider + "'; one of " + PORTS.keySet());
        }
        return "http://" + getHost() + ":" + getMappedPort(port);
    }

    /** The {@code n}-th terminal's URL on the host (0 is 7501 inside, terminal-1 of the default scenario). */
    public String terminalUrl(int n) {
        return "http://" + getHost() + ":" + getMappedPort(FIRST_TERMINAL + n);
    }

    /** The server's {@code /_sim/info}: version, ports inside the container, clock, scenarios, credentials. */
    public synchronized JsonNode info() {
        if (info == null) {
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(controlUrl() + "/_sim/info")).build(),
                        HttpResponse.BodyHandlers.ofString());
                info = JSON.readTree(answer.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return info;
    }

    /** One well-known credential, e.g. {@code credential("velo", "apiKey")}. */
    public String credential(String provider, String field) {
        JsonNode value = info().path("credentials").path(provider).path(field);
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("no credential " + provider + "." + field + " in " + info().path("credentials").path(provider));
        }
        return value.asText();
    }
}
