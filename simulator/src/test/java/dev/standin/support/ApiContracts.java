package dev.standin.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import io.vertx.openapi.validation.ValidatableResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every answer the acceptance tests receive from an API is checked against that API's own OpenAPI 3.1
 * document in {@code openapi/} with Vert.x's OpenAPI validator (JSON Schema 2020-12): its route must
 * be a documented operation, its status one the operation lists, its body and declared headers as
 * documented. Installed once in {@link AcceptanceTest}, so every test is a contract test.
 *
 * Not checked: answers a scenario rule injects (5xx, 429: any route may answer them), and bodies of
 * media types the validator does not read (CSV, images, YAML): their status is still checked.
 */
public final class ApiContracts implements Filter {
    private static final Path DOCS = Path.of("..", "openapi").toAbsolutePath().normalize();
    /** What the validator reads; other media types are left out of the loaded document. */
    private static final Set<String> READABLE = dev.standin.core.http.RequestValidation.READABLE;
    /** A watched port's document, while the server that bound it serves (a closed server's port may be reused by anyone). */
    private record Watched(String document, java.util.function.BooleanSupplier serving) {
    }

    private static final Map<Integer, Watched> DOCUMENT_OF_PORT = new ConcurrentHashMap<>();
    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();
    private static Vertx vertx;
    private static final ThreadLocal<Boolean> OFF = ThreadLocal.withInitial(() -> false);

    private record Loaded(OpenAPIContract contract, ResponseValidator responses, RequestValidator requests) {
    }

    /**
     * Runs {@code exchange} unchecked (by every document): for answers a test's own scenario rule
     * wrote (a canned body), which are the scenario author's, not Standin's, and for the docs proxy.
     */
    public static void unchecked(Runnable exchange) {
        OFF.set(true);
        try {
            exchange.run();
        } finally {
            OFF.set(false);
        }
    }

    static boolean isOff() {
        return OFF.get();
    }

    /** Answers on {@code port} are checked against {@code openapi/<document>.yaml} while {@code serving} says its server is open. */
    static void watch(int port, String document, java.util.function.BooleanSupplier serving) {
        DOCUMENT_OF_PORT.put(port, new Watched(document, serving));
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        Watched watched = DOCUMENT_OF_PORT.get(request.getPort());
        if (watched == null || !watched.serving().getAsBoolean() || OFF.get()) {
            return response;
        }
        String document = watched.document();
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            return response; // what scenario rules inject, on any route
        }
        String path = documentedPath(document, URI.create(request.getURI()).getRawPath());
        HttpMethod method = HttpMethod.valueOf(request.getMethod().toUpperCase());
        Loaded loaded = load(document);
        Operation operation = loaded.contract().findOperation(path, method);
        if (operation == null) {
            if (status == 404 || status == 405 || method == HttpMethod.OPTIONS) {
                return response; // a probe of a path or method that does not exist
            }
            throw new AssertionError("openapi/" + document + ".yaml has no operation for " + method + " " + path
                    + ", which answered " + status);
        }
        if (status / 100 == 2) {
            checkRequest(document, loaded, operation, request, path);
        }
        Map<String, String> headers = new HashMap<>();
        response.getHeaders().forEach(h -> headers.put(h.getName(), h.getValue()));
        String contentType = response.contentType() == null || response.contentType().isEmpty() ? null : response.contentType();
        byte[] body = response.asByteArray();
        if (body.length > 0 && !readable(contentType)) {
            // a body the validator cannot read (YAML, CSV, HTML, an image): its status must still be documented
            if (operation.getResponse(status) == null && operation.getDefaultResponse() == null) {
                throw new AssertionError("openapi/" + document + ".yaml (" + operation.getOperationId() + ") lists no status "
                        + status + " for " + method + " " + path);
            }
            return response;
        }
        ValidatableResponse answer = body.length == 0
                ? ValidatableResponse.create(status, headers)
                : ValidatableResponse.create(status, headers, Buffer.buffer(body), mediaType(contentType));
        try {
            loaded.responses().validate(answer, operation.getOperationId()).await();
        } catch (Exception e) {
            throw new AssertionError("openapi/" + document + ".yaml (" + operation.getOperationId() + ") refuses the answer to "
                    + method + " " + path + " (" + status + "): " + e.getMessage() + describe(e) + "\nbody: " + response.asString());
        }
        return response;
    }

    /**
     * A request the API accepted (2xx) must be one its document accepts: a test's deliberately bad
     * requests are refused by the API, so only accepted ones are held to the document.
     */
    private static void checkRequest(String document, Loaded loaded, Operation operation, FilterableRequestSpecification request,
                                     String path) {
        Map<String, RequestParameter> pathParams = dev.standin.core.http.RequestValidation.pathParameters(operation.getOpenAPIPath(), path);
        Map<String, RequestParameter> query = new HashMap<>();
        String rawQuery = URI.create(request.getURI()).getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                String name = java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8);
                if (kv.length < 2 || kv[1].isEmpty()) {
                    continue; // an empty filter counts as absent (the control API says so; so do providers that accepted it)
                }
                query.putIfAbsent(name, new RequestParameterImpl(kv.length > 1
                        ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : ""));
            }
        }
        Map<String, RequestParameter> headers = new HashMap<>();
        request.getHeaders().forEach(h -> headers.put(h.getName(), new RequestParameterImpl(h.getValue())));
        String contentType = request.getContentType();
        Object body = request.getBody();
        RequestParameter requestBody = null;
        if (body != null && contentType != null && readable(contentType)) {
            byte[] bytes = body instanceof byte[] b ? b : body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            requestBody = new RequestParameterImpl(Buffer.buffer(bytes));
            contentType = mediaType(contentType);
        } else if (operation.getRequestBody() != null) {
            return; // a body of a type the validator cannot read (YAML, multipart, a form): not checked
        }
        try {
            loaded.requests().validate(new ValidatableRequestImpl(Map.of(), headers, pathParams, query, requestBody, contentType),
                    operation.getOperationId()).await();
        } catch (Exception e) {
            throw new AssertionError("openapi/" + document + ".yaml (" + operation.getOperationId() + ") refuses the request "
                    + request.getMethod() + " " + path + (rawQuery == null ? "" : "?" + rawQuery) + ", which the API accepted: "
                    + e.getMessage() + describe(e) + (body == null ? "" : "\nbody: " + body));
        }
    }

    /**
     * Each example a document gives for a JSON answer ({@code responses.<status>.content.application/json.examples}),
     * checked as if the API had answered it: what the answer's example shows, the schema must accept.
     * Returns the problems, one line each, and how many examples were checked.
     */
    public static java.util.List<String> checkResponseExamples(String document, java.util.concurrent.atomic.AtomicInteger checked) {
        Loaded loaded = load(document);
        JsonNode doc;
        try {
            doc = new YAMLMapper().readTree(DOCS.resolve(document + ".yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (JsonNode item : doc.path("paths")) {
            for (JsonNode operation : item) {
                for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
                    for (Map.Entry<String, JsonNode> example : response.getValue().path("content").path("application/json").path("examples").properties()) {
                        String where = operation.path("operationId").asText() + " " + response.getKey() + " example '" + example.getKey() + "'";
                        checked.incrementAndGet();
                        try {
                            loaded.responses().validate(ValidatableResponse.create(Integer.parseInt(response.getKey()),
                                    Map.of("Content-Type", "application/json"), Buffer.buffer(example.getValue().path("value").toString()),
                                    "application/json"), operation.path("operationId").asText()).await();
                        } catch (Exception e) {
                            problems.add(where + ": " + e.getMessage() + describe(e));
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static String describe(Exception e) {
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
    }

    /**
     * The path as the document names it: without a trailing slash (the validator matches no template
     * with one), and a created sandbox's control endpoints ({@code /_sim/sandboxes/{id}/clock}) as the
     * default sandbox's ({@code /_sim/clock}), which control.yaml documents once for all.
     */
    private static String documentedPath(String document, String path) {
        if (document.equals("control") && path.matches("/_sim/sandboxes/[^/]+/.+")) {
            path = "/_sim/" + path.split("/", 5)[4];
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The content type the validator knows: {@code application/json;charset=utf-8} is JSON. */
    private static String mediaType(String contentType) {
        return contentType.toLowerCase(java.util.Locale.ROOT).split(";")[0].trim();
    }

    private static boolean readable(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT).replace(";charset", "; charset");
        return READABLE.contains(type) || READABLE.contains(type.split(";")[0].trim());
    }

    private static synchronized Loaded load(String document) {
        return LOADED.computeIfAbsent(document, name -> {
            if (vertx == null) {
                vertx = Vertx.vertx();
            }
            try {
                JsonNode doc = new YAMLMapper().readTree(DOCS.resolve(name + ".yaml").toFile());
                dev.standin.core.http.RequestValidation.dropUnreadableMedia(doc);
                OpenAPIContract contract = OpenAPIContract.from(vertx, new JsonObject(doc.toString())).await();
                return new Loaded(contract, ResponseValidator.create(vertx, contract), RequestValidator.create(vertx, contract));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new AssertionError("openapi/" + name + ".yaml does not load: " + e.getMessage(), e);
            }
        });
    }
}
