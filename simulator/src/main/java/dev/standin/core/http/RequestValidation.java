package dev.standin.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict mode ({@code --validate-requests}, or a scenario's {@code settings.validateRequests}): a
 * provider request that breaks its API's OpenAPI document (in the jar, {@code openapi/<name>.yaml})
 * is refused with a 400 naming the field, where it is and why, before any handler runs. The
 * validator is Vert.x's (JSON Schema 2020-12), the one the contract tests use; it is loaded on first
 * use, so a server not in strict mode never starts it.
 */
public final class RequestValidation {
    /** Media types the validator reads; contents of others (YAML, CSV, HTML, forms, images) are not checked. */
    public static final Set<String> READABLE = Set.of("application/json", "application/json; charset=utf-8",
            "multipart/form-data", "application/octet-stream", "text/plain", "text/plain; charset=utf-8");
    private static final Pattern PARAMETER = Pattern.compile("(query|path|header|cookie) parameter (\\S+)");
    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();
    private static Vertx vertx;

    private record Loaded(OpenAPIContract contract, RequestValidator validator) {
    }

    private RequestValidation() {
    }

    /** Refuses the request (400, in the caller's error shape) when it breaks {@code document}'s operation for it. */
    public static void check(Context ctx, String document) {
        Loaded loaded = load(document);
        String path = ctx.path().length() > 1 && ctx.path().endsWith("/") ? ctx.path().substring(0, ctx.path().length() - 1) : ctx.path();
        Operation operation = loaded.contract().findOperation(path, HttpMethod.valueOf(ctx.method().name()));
        if (operation == null) {
            return; // no such operation: routing answers 404 or 405 in the provider's shape
        }
        Map<String, RequestParameter> pathParams = pathParameters(operation.getOpenAPIPath(), path);
        Map<String, RequestParameter> query = new HashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!values.isEmpty() && !values.getFirst().isEmpty()) {
                query.put(name, new RequestParameterImpl(values.getFirst()));
            }
        });
        Map<String, RequestParameter> headers = new HashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.put(name, new RequestParameterImpl(value)));
        String contentType = ctx.contentType() == null ? null : ctx.contentType().toLowerCase(Locale.ROOT).split(";")[0].trim();
        RequestParameter body = null;
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > 0 && contentType != null && READABLE.contains(contentType)) {
            body = new RequestParameterImpl(Buffer.buffer(bytes));
        } else if (bytes.length > 0 && operation.getRequestBody() != null) {
            return; // a body the validator does not read (a form, YAML, CSV): the handler checks it
        }
        try {
            loaded.validator().validate(new ValidatableRequestImpl(Map.of(), headers, pathParams, query, body, contentType),
                    operation.getOperationId()).await();
        } catch (SchemaValidationException e) {
            OutputUnit unit = e.getOutputUnit();
            String pointer = unit == null || unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
            String field = pointer.replaceFirst("^#?/?", "").replace('/', '.');
            Matcher m = PARAMETER.matcher(e.getMessage());
            if (m.find()) {
                throw new ApiError(400, "INVALID_VALUE", e.getMessage(), m.group(2), m.group(1) + "Param");
            }
            throw new ApiError(400, "INVALID_VALUE", e.getMessage(), field.isEmpty() ? "body" : field, "requestBody");
        } catch (io.vertx.openapi.validation.ValidatorException e) {
            Matcher m = PARAMETER.matcher(e.getMessage());
            throw m.find() ? new ApiError(400, "INVALID_VALUE", e.getMessage(), m.group(2), m.group(1) + "Param")
                    : new ApiError(400, "INVALID_VALUE", e.getMessage(), "body", "requestBody");
        }
    }

    /** The values of a path's parameters, named as the document's template names them ({@code /v1/payees/{payeeId}}). */
    public static Map<String, RequestParameter> pathParameters(String template, String path) {
        Map<String, RequestParameter> out = new HashMap<>();
        String[] names = template.split("/");
        String[] actual = path.split("/");
        for (int i = 0; i < names.length && i < actual.length; i++) {
            if (names[i].startsWith("{") && names[i].endsWith("}")) {
                out.put(names[i].substring(1, names[i].length() - 1),
                        new RequestParameterImpl(java.net.URLDecoder.decode(actual[i], java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static synchronized Loaded load(String document) {
        return LOADED.computeIfAbsent(document, name -> {
            if (vertx == null) {
                vertx = Vertx.vertx();
            }
            try (InputStream in = RequestValidation.class.getResourceAsStream("/openapi/" + name + ".yaml")) {
                if (in == null) {
                    throw new IllegalStateException("no openapi/" + name + ".yaml in the jar");
                }
                JsonNode doc = new YAMLMapper().readTree(in);
                dropUnreadableMedia(doc);
                OpenAPIContract contract = OpenAPIContract.from(vertx, new JsonObject(doc.toString())).await();
                return new Loaded(contract, RequestValidator.create(vertx, contract));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Leaves out request and response contents of media types the validator cannot read. */
    public static void dropUnreadableMedia(JsonNode node) {
        if (node.isObject()) {
            JsonNode content = node.get("content");
            if (content != null && content.isObject()) {
                for (Iterator<String> names = content.fieldNames(); names.hasNext(); ) {
                    if (!READABLE.contains(names.next())) {
                        names.remove();
                    }
                }
                if (content.isEmpty()) {
                    ((ObjectNode) node).remove("content");
                }
            }
            JsonNode requestBody = node.get("requestBody");
            if (requestBody != null && requestBody.isObject()) {
                dropUnreadableMedia(requestBody);
                if (!requestBody.has("content") && !requestBody.has("$ref")) {
                    ((ObjectNode) node).remove("requestBody");
                }
            }
            node.elements().forEachRemaining(RequestValidation::dropUnreadableMedia);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(RequestValidation::dropUnreadableMedia);
        }
    }
}
