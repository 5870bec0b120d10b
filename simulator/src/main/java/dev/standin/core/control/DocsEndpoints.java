package dev.standin.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.standin.core.Lazy;
import dev.standin.core.http.ApiError;
import dev.standin.core.json.Json;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.sandbox.Sandbox;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

/**
 * The APIs' OpenAPI documents ({@code GET /_sim/openapi/{name}.yaml} or {@code .json}) and Swagger UI
 * ({@code /_sim/docs}, from its WebJar: no CDN). A served document's first server is
 * {@code /_sim/try/{name}} on this port, which forwards to the running provider port, so that the
 * browser's "Try it out" needs no CORS from the provider (whose answers stay as the provider's);
 * its second server is the provider port itself, for generated clients.
 */
final class DocsEndpoints implements EndpointGroup {
    /** Each document and the port (of {@code /_sim/info}'s {@code ports}) its API listens on. */
    private final Map<String, String> documents;
    private static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/" + webJarVersion() + "/";
    private static final Set<String> ASSETS = Set.of("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
            "favicon-32x32.png", "favicon-16x16.png", "index.css");
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding", "upgrade",
            "keep-alive", "expect", "te", "trailer");

    private final Function<Sandbox, Map<String, Object>> ports;
    /** Made at the first "Try it out": the first HTTP client made initialises TLS, about 25 ms of start-up. */
    private final Lazy<HttpClient> http = new Lazy<>(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());

    DocsEndpoints(List<ProviderModule> modules, Function<Sandbox, Map<String, Object>> ports) {
        this.ports = ports;
        this.documents = documentsOf(modules);
    }

    private static String webJarVersion() {
        try (InputStream in = DocsEndpoints.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each provider's document (named by {@link ProviderModule#openApiDocument()}), then the control API's. */
    private static Map<String, String> documentsOf(List<ProviderModule> modules) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ProviderModule m : modules) {
            if (m.openApiDocument() != null) {
                out.put(m.openApiDocument(), m.name());
            }
        }
        out.put("control", "control");
        return out;
    }

    @Override
    public void addEndpoints() {
        get("/_sim/openapi/{file}", this::document);
        get("/_sim/docs", this::page);
        get("/_sim/docs/{asset}", this::asset);
        String base = "/_sim/try/{api}/<path>";
        get(base, this::forward);
        post(base, this::forward);
        put(base, this::forward);
        patch(base, this::forward);
        delete(base, this::forward);
    }

    private void document(Context ctx) {
        String file = ctx.pathParam("file");
        String name = file.replaceFirst("\\.(ya?ml|json)$", "");
        if (!documents.containsKey(name) || name.equals(file)) {
            throw new ApiError(404, "NOT_FOUND", "No document " + file + "; there are " + documents.keySet()
                    + " as .yaml or .json", "file", "pathParam");
        }
        ObjectNode doc = (ObjectNode) read(name);
        String host = ctx.scheme() + "://" + ctx.host();
        ObjectNode tryIt = Json.mapper().createObjectNode().put("url", host + "/_sim/try/" + name)
                .put("description", "Standin, through its control port (Swagger UI's Try it out)");
        Integer port = port(ctx, name);
        var servers = doc.putArray("servers").add(tryIt);
        if (port != null) {
            servers.addObject().put("url", ctx.scheme() + "://" + hostName(ctx) + ":" + port).put("description", "the provider port");
        }
        if (file.endsWith(".json")) {
            ctx.json(doc);
        } else {
            try {
                ctx.contentType("application/yaml").result(new YAMLMapper().writeValueAsString(doc));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void page(Context ctx) {
        StringBuilder urls = new StringBuilder();
        for (String name : documents.keySet()) {
            urls.append(urls.isEmpty() ? "" : ",").append("{url:'/_sim/openapi/").append(name).append(".json',name:'").append(name).append("'}");
        }
        ctx.contentType("text/html; charset=utf-8").result("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Standin APIs</title>
                <link rel="stylesheet" href="/_sim/docs/swagger-ui.css"><link rel="icon" href="/_sim/docs/favicon-32x32.png"></head>
                <body><div id="swagger-ui"></div>
                <script src="/_sim/docs/swagger-ui-bundle.js"></script><script src="/_sim/docs/swagger-ui-standalone-preset.js"></script>
                <script>window.ui = SwaggerUIBundle({urls: [%s], dom_id: '#swagger-ui', deepLinking: true,
                  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout'});</script>
                </body></html>
                """.formatted(urls));
    }

    private void asset(Context ctx) {
        String asset = ctx.pathParam("asset");
        if (!ASSETS.contains(asset)) {
            throw new ApiError(404, "NOT_FOUND", "No such file", "asset", "pathParam");
        }
        try (InputStream in = DocsEndpoints.class.getResourceAsStream(SWAGGER_UI + asset)) {
            if (in == null) {
                throw new ApiError(404, "NOT_FOUND", "No such file", "asset", "pathParam");
            }
            String type = asset.endsWith(".css") ? "text/css" : asset.endsWith(".js") ? "text/javascript" : "image/png";
            ctx.header("Cache-Control", "max-age=86400").contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the request on to the API's own port, unchanged but for hop-by-hop headers, and answers its answer. */
    private void forward(Context ctx) throws IOException, InterruptedException {
        String api = ctx.pathParam("api");
        Integer port = documents.containsKey(api) ? port(ctx, api) : null;
        if (port == null) {
            throw new ApiError(404, "NOT_FOUND", "No server for " + api, "api", "pathParam");
        }
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + ctx.pathParam("path") + query))
                .timeout(Duration.ofMinutes(2))
                .method(ctx.method().name(), HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()));
        ctx.headerMap().forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, value);
            }
        });
        HttpResponse<byte[]> answer = http.get().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        ctx.status(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> ctx.res().addHeader(name, v));
            }
        });
        ctx.result(answer.body());
    }

    /** The port the document's API listens on for the request's sandbox (a terminal: the first one's). */
    private Integer port(Context ctx, String api) {
        Object port = ports.apply(ControlScope.of(ctx)).get(documents.get(api));
        if (port instanceof Integer p) {
            return p;
        }
        if (port instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?> first
                && first.get("port") instanceof Integer p) {
            return p;
        }
        return null;
    }

    private static String hostName(Context ctx) {
        String host = ctx.host() == null ? "localhost" : ctx.host();
        return host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
    }

    private static JsonNode read(String name) {
        try (InputStream in = DocsEndpoints.class.getResourceAsStream("/openapi/" + name + ".yaml")) {
            if (in == null) {
                throw new ApiError(404, "NOT_FOUND", "No document " + name, "file", "pathParam");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
