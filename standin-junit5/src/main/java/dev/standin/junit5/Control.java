package dev.standin.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls to one control API (server URL, path prefix of the sandbox, its token); an error answer is an IllegalStateException naming it. */
final class Control {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;
    private final String prefix;
    private final String token;

    Control(String url, String prefix, String token) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.prefix = prefix;
        this.token = token;
    }

    String url() {
        return url;
    }

    String prefix() {
        return prefix;
    }

    JsonNode get(String path) {
        return send("GET", path, null, null);
    }

    JsonNode post(String path, String body, String contentType) {
        return send("POST", path, body, contentType);
    }

    JsonNode postJson(String path, Object body) {
        try {
            return send("POST", path, JSON.writeValueAsString(body), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** {@code path} is below the sandbox's prefix ("/clock"), or absolute when it starts with "/_sim/". */
    private JsonNode send(String method, String path, String body, String contentType) {
        String full = path.startsWith("/_sim/") ? path : prefix + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + full)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
            if (answer.statusCode() >= 400) {
                throw new IllegalStateException("Standin refused " + method + " " + full + ": " + answer.statusCode() + " " + answer.body());
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Standin at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
