package dev.standin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.json.Json;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The control API as a client calls it (the CLI, the JUnit 5 extension): one server URL, an optional
 * sandbox and token; JSON in and out.
 */
public final class ControlClient {
    /** The server answered an error (the CLI's exit code 1). */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The server could not be reached (the CLI's exit code 3). */
    public static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    private final String url;
    private final String sandbox;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code sandbox}: null for the default sandbox. */
    public ControlClient(String url, String sandbox, String token) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.sandbox = sandbox;
        this.token = token;
    }

    public String url() {
        return url;
    }

    /** {@code /_sim/...} for the default sandbox, {@code /_sim/sandboxes/{id}/...} for another. */
    public String path(String rest) {
        return sandbox == null ? "/_sim" + rest : "/_sim/sandboxes/" + sandbox + rest;
    }

    public JsonNode get(String path) throws Refused, Unreachable {
        return send("GET", path, null, null);
    }

    public JsonNode post(String path, String body, String contentType) throws Refused, Unreachable {
        return send("POST", path, body, contentType);
    }

    public JsonNode delete(String path) throws Refused, Unreachable {
        return send("DELETE", path, null, null);
    }

    private JsonNode send(String method, String path, String body, String contentType) throws Refused, Unreachable {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Unreachable("cannot reach Standin at " + url + " (is it running? see --url or STANDIN_URL)");
        } catch (IOException e) {
            throw new Unreachable("cannot reach Standin at " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
        JsonNode json;
        try {
            json = answer.body().isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(answer.body());
        } catch (IOException e) {
            throw new Refused(method + " " + path + " answered " + answer.statusCode() + " that is not JSON");
        }
        if (answer.statusCode() >= 400) {
            String why = json.path("message").asText(json.path("error").asText(answer.body()));
            StringBuilder problems = new StringBuilder();
            for (JsonNode p : json.path("problems")) {
                problems.append("\n  ").append(p.path("file").asText("")).append(':').append(p.path("line").asText("")).append(' ')
                        .append(p.path("field").asText("")).append(": ").append(p.path("why").asText(p.toString()));
            }
            throw new Refused(answer.statusCode() + " " + why + problems);
        }
        return json;
    }
}
