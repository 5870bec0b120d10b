package dev.standin.core.control;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.Lazy;
import dev.standin.core.http.RequestJournal;
import dev.standin.core.json.Json;
import dev.standin.core.sandbox.Sandboxes;
import dev.standin.core.store.InstanceRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The request journal across the instances sharing the default sandbox's database: each keeps its own
 * in memory, so a merged view asks every other live instance ({@link InstanceRegistry}) for its
 * entries with the same filters ({@code instance=local}), tags each entry with the instance that
 * received it, and sorts all by time on the shared virtual clock. An instance that does not answer is
 * named under {@code unreachable} instead of failing the whole answer.
 */
final class PeerJournals {
    private static final Lazy<HttpClient> HTTP = new Lazy<>(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /** The merged newest entries, at most {@code limit}, and the instances that did not answer. */
    record Merged(List<Map<String, Object>> requests, List<String> unreachable) {
    }

    private PeerJournals() {
    }

    /** {@code query}: the request's own query string (its filters); {@code authorization}: its header, for a protected control API. */
    static Merged list(InstanceRegistry registry, String sandbox, List<RequestJournal.Entry> own, String query, String authorization, int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (RequestJournal.Entry e : own) {
            all.add(tagged(Json.mapper().convertValue(e, MAP), registry.id()));
        }
        List<String> unreachable = new ArrayList<>();
        for (InstanceRegistry.Peer peer : registry.others()) {
            String failure = ask(peer, sandbox, "GET", query, authorization, body -> {
                for (JsonNode n : Json.mapper().readTree(body).path("requests")) {
                    all.add(tagged(Json.mapper().convertValue(n, MAP), peer.id()));
                }
            });
            if (failure != null) {
                unreachable.add(failure);
            }
        }
        all.sort(Comparator.comparing((Map<String, Object> m) -> Instant.parse(String.valueOf(m.get("at")))).reversed()
                .thenComparing(m -> ((Number) m.get("instance")).longValue())
                .thenComparing(m -> -((Number) m.get("id")).longValue()));
        return new Merged(List.copyOf(all.subList(0, Math.min(limit, all.size()))), unreachable);
    }

    /** Empties every other live instance's journal; answers those that did not answer. */
    static List<String> clear(InstanceRegistry registry, String sandbox, String authorization) {
        List<String> unreachable = new ArrayList<>();
        for (InstanceRegistry.Peer peer : registry.others()) {
            String failure = ask(peer, sandbox, "DELETE", null, authorization, body -> { });
            if (failure != null) {
                unreachable.add(failure);
            }
        }
        return unreachable;
    }

    private interface BodyReader {
        void read(String body) throws IOException;
    }

    /** Calls a peer's journal with {@code instance=local}; answers null when it answered 2xx, else why not. */
    private static String ask(InstanceRegistry.Peer peer, String sandbox, String method, String query, String authorization, BodyReader reader) {
        String q = (query == null || query.isBlank() ? "" : query + "&") + "instance=local";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(peer.controlUrl() + "/_sim/requests?" + q))
                .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (!Sandboxes.DEFAULT.equals(sandbox)) { // a created sandbox on the shared database: the peer opens it if it has not yet
            request.header("Standin-Sandbox", sandbox);
        }
        try {
            HttpResponse<String> response = HTTP.get().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return peer.controlUrl() + " answered " + response.statusCode();
            }
            reader.read(response.body());
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return peer.controlUrl() + ": " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return peer.controlUrl() + ": interrupted";
        }
    }

    private static Map<String, Object> tagged(Map<String, Object> entry, long instance) {
        entry.put("instance", instance);
        return entry;
    }
}
