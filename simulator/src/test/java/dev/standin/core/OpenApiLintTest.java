package dev.standin.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each document in openapi/ is valid OpenAPI 3.1 (Vert.x's parser checks it against the
 * specification's JSON Schema and resolves every $ref), with a unique operationId for every operation and
 * every path parameter declared (Vert.x accepts an undeclared one; openapi-generator refuses the document).
 */
class OpenApiLintTest {
    @ParameterizedTest
    @ValueSource(strings = {"velo", "velapay-terminal", "velapay-cloud", "vendreo", "qolo", "control"})
    void theDocumentIsValidOpenApi31WithUniqueOperationIds(String name) throws Exception {
        JsonNode doc = new YAMLMapper().readTree(Path.of("..", "openapi", name + ".yaml").toFile());
        Set<String> ids = new HashSet<>();
        for (Iterator<java.util.Map.Entry<String, JsonNode>> items = doc.path("paths").fields(); items.hasNext(); ) {
            var item = items.next();
            for (Iterator<java.util.Map.Entry<String, JsonNode>> ops = item.getValue().fields(); ops.hasNext(); ) {
                var op = ops.next();
                if (op.getValue().has("responses")) {
                    String id = op.getValue().path("operationId").asText("");
                    assertTrue(!id.isEmpty() && ids.add(id), name + ": operationId missing or repeated: '" + id + "'");
                    Set<String> declared = pathParameters(doc, item.getValue());
                    declared.addAll(pathParameters(doc, op.getValue()));
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(item.getKey());
                    while (m.find()) {
                        assertTrue(declared.contains(m.group(1)), name + ": " + op.getKey() + " " + item.getKey() + " does not declare its path parameter "
                                + m.group(1) + " (generators refuse the document)");
                    }
                }
            }
        }
        // media types the validator cannot read (YAML, CSV, HTML, images) are left out of what it parses
        JsonNode readable = doc.deepCopy();
        dev.standin.core.http.RequestValidation.dropUnreadableMedia(readable);
        Vertx vertx = Vertx.vertx();
        try {
            OpenAPIContract contract = OpenAPIContract.from(vertx, new JsonObject(readable.toString())).await();
            assertEquals(OpenAPIVersion.V3_1, contract.getVersion());
        } finally {
            vertx.close().await();
        }
    }

    private static Set<String> pathParameters(JsonNode doc, JsonNode owner) {
        Set<String> names = new HashSet<>();
        for (JsonNode p : owner.path("parameters")) {
            if (p.has("$ref")) {
                p = doc.at(p.get("$ref").asText().substring(1));
            }
            if (p.path("in").asText().equals("path")) {
                names.add(p.path("name").asText());
            }
        }
        return names;
    }
}
