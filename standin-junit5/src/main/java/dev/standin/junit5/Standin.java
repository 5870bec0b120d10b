package dev.standin.junit5;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One test class's sandbox of a running Standin: the providers' URLs and this sandbox's credentials,
 * its clock, scenarios, request journal, webhooks and terminals. Everything goes through the control
 * API, so the same handle drives an embedded server and a remote one.
 */
public final class Standin {
    private final Control control;
    private final String sandbox;
    private final String host;
    private JsonNode info;

    Standin(Control control, String sandbox, String host) {
        this.control = control;
        this.sandbox = sandbox;
        this.host = host;
    }

    /** The sandbox's id (its control endpoints are below {@code /_sim/sandboxes/{id}}). */
    public String sandbox() {
        return sandbox;
    }

    /** The control API's base URL ({@code http://host:port}). */
    public String controlUrl() {
        return control.url();
    }

    /** A provider's base URL: {@code velo}, {@code vendreo}, {@code qolo} or {@code velapayCloud}. */
    public String url(String provider) {
        JsonNode port = info().path("ports").path(provider);
        if (!port.isInt()) {
            throw new IllegalArgumentException("no provider '" + provider + "'; one of " + info().path("ports"));
        }
        return "http://" + host + ":" + port.asInt();
    }

    /** A terminal's base URL (each terminal of a sandbox has a port of its own). */
    public String terminalUrl(String terminalId) {
        for (JsonNode t : info().path("ports").path("terminals")) {
            if (t.path("id").asText().equals(terminalId)) {
                return "http://" + host + ":" + t.path("port").asInt();
            }
        }
        throw new IllegalArgumentException("no terminal '" + terminalId + "' in this sandbox");
    }

    /** The sandbox's credentials of one provider (e.g. {@code credentials("velo").path("apiKey")}): its own, no other sandbox's. */
    public JsonNode credentials(String provider) {
        return info().path("credentials").path(provider);
    }

    /** One credential of the provider's default tenant, e.g. {@code credential("velo", "apiKey")}. */
    public String credential(String provider, String field) {
        JsonNode value = credentials(provider).path(field);
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("no credential " + provider + "." + field + "; there are " + credentials(provider));
        }
        return value.asText();
    }

    /** {@code GET /_sim/info} of the sandbox (read once; {@link #load} and {@link #reset} read it again). */
    public synchronized JsonNode info() {
        if (info == null) {
            info = control.get("/info");
        }
        return info;
    }

    public Clock clock() {
        return new Clock();
    }

    /** The sandbox's virtual clock. */
    public final class Clock {
        private Clock() {
        }

        public Instant now() {
            return Instant.parse(control.get("/clock").path("now").asText());
        }

        /** Moves the clock, running every event that falls due (payout steps, expiries, webhook retries) before returning. */
        public Instant advance(Duration by) {
            return Instant.parse(control.postJson("/clock/advance", java.util.Map.of("by", by.toString())).path("now").asText());
        }

        /** The scheduled events not yet due. */
        public JsonNode pending() {
            return control.get("/clock").path("pending");
        }
    }

    /**
     * Loads a scenario into the sandbox: a shipped one by name ("velo-partial-failure"), a file, a
     * class-path resource ("classpath:x.yaml") or YAML text. Answers the scenario as loaded.
     */
    public JsonNode load(String scenario) {
        JsonNode loaded = isShippedName(scenario) ? control.post("/scenarios/shipped/" + scenario, null, null)
                : control.post("/scenarios", text(scenario), "application/yaml");
        forget();
        return loaded;
    }

    public void unload(String name) {
        control.delete("/scenarios/" + name);
        forget();
    }

    /** Back to what the sandbox's scenarios seed (data, clock, ids, rule counts, webhooks), with an empty journal. */
    public void reset() {
        control.post("/reset", null, null);
        control.delete("/requests");
        forget();
    }

    private synchronized void forget() {
        info = null;
    }

    /** The sandbox's request journal. */
    public Journal requests() {
        return new Journal();
    }

    /** The journal of the sandbox's provider requests, newest first. */
    public final class Journal {
        private Journal() {
        }

        /** The recorded exchanges, newest first (at most 1000). */
        public List<JsonNode> all() {
            List<JsonNode> out = new ArrayList<>();
            control.get("/requests?limit=1000").path("requests").forEach(out::add);
            return out;
        }

        public List<JsonNode> matching(RequestPattern pattern) {
            return all().stream().filter(pattern::matches).toList();
        }

        /** Like WireMock's {@code verify}: exactly {@code count} exchanges match, or an AssertionError lists what was seen. */
        public void verify(int count, RequestPattern pattern) {
            List<JsonNode> all = all();
            long seen = all.stream().filter(pattern::matches).count();
            if (seen != count) {
                StringBuilder journal = new StringBuilder();
                all.forEach(r -> journal.append("\n  ").append(r.path("provider").asText()).append(' ').append(r.path("method").asText())
                        .append(' ').append(r.path("path").asText()).append(" -> ").append(r.path("status").asInt()));
                throw new AssertionError("expected " + count + " request(s) matching " + pattern + " but saw " + seen
                        + "; the sandbox's journal, newest first:" + (all.isEmpty() ? " empty" : journal));
            }
        }

        public void clear() {
            control.delete("/requests");
        }
    }

    /** The sandbox's webhook deliveries, newest first, each with its attempts. */
    public List<JsonNode> webhooks() {
        List<JsonNode> out = new ArrayList<>();
        control.get("/webhooks").path("deliveries").forEach(out::add);
        return out;
    }

    public JsonNode redeliver(long deliveryId) {
        return control.post("/webhooks/" + deliveryId + "/redeliver", null, null);
    }

    /** A virtual terminal of the sandbox: its screen and the customer in front of it. */
    public Terminal terminal(String id) {
        return new Terminal(control, id);
    }

    private static String text(String scenario) {
        try {
            if (scenario.startsWith("classpath:")) {
                String name = scenario.substring("classpath:".length());
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name.startsWith("/") ? name.substring(1) : name)) {
                    if (in == null) {
                        throw new IllegalArgumentException("no class-path resource " + name);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Path file = Path.of(scenario);
            return Files.isRegularFile(file) ? Files.readString(file) : scenario;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.nio.file.InvalidPathException yamlText) {
            return scenario;
        }
    }

    /** The text of a scenario as the sandbox request takes it: a shipped name stays a name; anything else becomes YAML. */
    static String forSandbox(String scenario) {
        return isShippedName(scenario) ? scenario : text(scenario);
    }

    /** A shipped scenario's name ("velo-partial-failure"), unless a file of that name is at hand. */
    private static boolean isShippedName(String scenario) {
        return scenario.matches("[a-z0-9-]{1,64}") && !Files.isRegularFile(Path.of(scenario));
    }
}
