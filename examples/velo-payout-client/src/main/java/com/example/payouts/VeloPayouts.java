package com.example.payouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A team's own small Velo client, as it would run against Velo's sandbox: it authenticates with the
 * payor's API key (again when the token expires), submits a payout, instructs it and reads its status.
 * Nothing here knows about Standin.
 */
public final class VeloPayouts {
    /** One payment of a payout: to the payee the payor knows by {@code remoteId}, in minor units. */
    public record Payment(String remoteId, String currency, long amount, String sourceAccountName) {
    }

    /** Velo refused a call: its HTTP status and its error code ({@code errors[0].errorCode}). */
    public static final class VeloException extends RuntimeException {
        private final int status;
        private final String errorCode;

        VeloException(int status, String errorCode, String message) {
            super(status + " " + errorCode + ": " + message);
            this.status = status;
            this.errorCode = errorCode;
        }

        public int status() {
            return status;
        }

        public String errorCode() {
            return errorCode;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String apiKey;
    private final String apiSecret;
    private final String payorId;
    private String token;

    public VeloPayouts(String baseUrl, String apiKey, String apiSecret, String payorId) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.payorId = payorId;
    }

    /** Submits a payout; answers its id. */
    public String submit(String memo, List<Payment> payments) {
        ObjectNode body = JSON.createObjectNode().put("payorId", payorId).put("payoutMemo", memo);
        var list = body.putArray("payments");
        payments.forEach(p -> list.addObject().put("remoteId", p.remoteId()).put("currency", p.currency()).put("amount", p.amount())
                .put("sourceAccountName", p.sourceAccountName()));
        return call("POST", "/v3/payouts", body.toString()).path("payoutId").asText();
    }

    public void instruct(String payoutId) {
        call("POST", "/v3/payouts/" + payoutId, null);
    }

    /** SUBMITTED, ACCEPTED, INSTRUCTED, COMPLETED, INCOMPLETE, REJECTED, WITHDRAWN... */
    public String status(String payoutId) {
        return call("GET", "/v3/payouts/" + payoutId, null).path("status").asText();
    }

    /** With the cached access token; when Velo says it expired (401), once more with a new one. */
    private JsonNode call(String method, String path, String body) {
        if (token == null) {
            token = authenticate();
        }
        try {
            return call(method, path, body, token);
        } catch (VeloException e) {
            if (e.status() != 401) {
                throw e;
            }
            token = authenticate();
            return call(method, path, body, token);
        }
    }

    private JsonNode call(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    private String authenticate() {
        String basic = Base64.getEncoder().encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/authenticate?grant_type=client_credentials"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build()).path("access_token").asText();
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
            if (answer.statusCode() >= 400) {
                JsonNode error = json.path("errors").path(0);
                throw new VeloException(answer.statusCode(), error.path("errorCode").asText(json.path("error").asText("")),
                        error.path("message").asText(answer.body()));
            }
            return json;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
