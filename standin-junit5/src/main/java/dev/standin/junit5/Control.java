package dev.standin.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.standin.cli.ControlClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The simulator's control-API client for tests: a path below the sandbox ("/clock") or absolute
 * ("/_sim/..."), and unchecked errors (IllegalStateException naming the call for a refusal,
 * UncheckedIOException when Standin cannot be reached).
 */
final class Control {
    static final ObjectMapper JSON = new ObjectMapper();

    private interface Call {
        JsonNode run(String path) throws ControlClient.Refused, ControlClient.Unreachable;
    }

    private final ControlClient client;

    /** {@code sandbox}: null for the server's default sandbox (and its server-wide endpoints). */
    Control(String url, String sandbox, String token) {
        this.client = new ControlClient(url, sandbox, token);
    }

    String url() {
        return client.url();
    }

    JsonNode get(String path) {
        return call("GET", path, client::get);
    }

    JsonNode post(String path, String body, String contentType) {
        return call("POST", path, p -> client.post(p, body, contentType));
    }

    JsonNode postJson(String path, Object body) {
        try {
            return post(path, JSON.writeValueAsString(body), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode delete(String path) {
        return call("DELETE", path, client::delete);
    }

    private JsonNode call(String method, String path, Call call) {
        String full = path.startsWith("/_sim/") ? path : client.path(path);
        try {
            return call.run(full);
        } catch (ControlClient.Refused e) {
            throw new IllegalStateException("Standin refused " + method + " " + full + ": " + e.getMessage());
        } catch (ControlClient.Unreachable e) {
            throw new UncheckedIOException(new IOException(e.getMessage()));
        }
    }
}
