package dev.standin.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates bad requests from an OpenAPI document: for every route, malformed and deeply nested
 * JSON, wrong content types, empty and oversized bodies, every documented body field given wrong
 * types, huge and odd numbers, long and hostile strings, unknown enum values; junk path and query
 * parameters; broken multipart uploads where a route takes them.
 */
final class BadInputCorpus {
    /** One generated request. */
    record Request(String method, String path, String contentType, byte[] body, String why) {
        @Override
        public String toString() {
            return method + " " + path + " [" + why + "]";
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values every field gets in turn, whatever its documented type. */
    private static final List<JsonNode> BAD_VALUES = List.of(
            NODES.numberNode(new java.math.BigDecimal("1e1000")), NODES.numberNode(new java.math.BigDecimal("-1e1000")),
            NODES.numberNode(-1), NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")),
            NODES.numberNode(0.000001), NODES.textNode("x".repeat(70_000)), NODES.textNode(""), NODES.textNode(" 1.00"),
            NODES.textNode("' OR 1=1 --"), NODES.textNode("<script>alert(1)</script>"), NODES.textNode("\u0000\uFFFF\uD83D\uDE00"),
            NODES.textNode("NOT_A_KNOWN_ENUM_VALUE_" + "Z".repeat(40)), NODES.booleanNode(true), NODES.nullNode(),
            NODES.arrayNode().add(1).add("a"), NODES.objectNode().put("nested", "object"));

    private static final List<String> BAD_PATH_VALUES = List.of("x", "00000000-0000-0000-0000-000000000000", "..%2F..%2Fetc",
            "a".repeat(300), "%20", "-1", "%E2%82%AC", "1e1000");

    private static final List<String> BAD_QUERY_VALUES = List.of("", "-1", "abc", "99999999999999999999", "x".repeat(5000),
            "%00", "1e1000", "' OR 1=1 --");

    private static final List<String> MALFORMED = List.of("{", "{\"a\":", "[", "\"just a string\"", "null", "123", "{\"a\":1,}",
            "{'single':'quotes'}", "\uFEFF{}", "[".repeat(5000) + "]".repeat(5000), "{\"a\":" .repeat(3000) + "1" + "}".repeat(3000));

    private BadInputCorpus() {
    }

    /**
     * Every bad request for the document's routes. {@code base} is the body a route's requests start
     * from (a terminal request needs its requestType to reach the code past the dispatch).
     */
    static List<Request> generate(Path openApi, java.util.function.Function<String, List<ObjectNode>> bases) throws IOException {
        JsonNode doc = YAML.readTree(Files.readString(openApi));
        List<Request> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method) || page(op.getValue())) {
                    continue;
                }
                route(doc, method, path.getKey(), op.getValue(), bases.apply(path.getKey()), out);
            }
        }
        return out;
    }

    /** A page for people (hosted pages, scripts, images): not the API, and not answered in its JSON shape. */
    private static boolean page(JsonNode op) {
        for (JsonNode response : op.path("responses")) {
            JsonNode content = response.path("content");
            if (content.has("text/html") || content.has("application/javascript") || content.has("image/svg+xml")) {
                return true;
            }
        }
        return false;
    }

    private static void route(JsonNode doc, String method, String template, JsonNode op, List<ObjectNode> bases, List<Request> out) {
        String path = template.replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
        // junk in each path parameter
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{[^}]+}").matcher(template);
        while (m.find()) {
            for (String v : BAD_PATH_VALUES) {
                String p = template.substring(0, m.start()) + v + template.substring(m.end());
                out.add(new Request(method, p.replaceAll("\\{[^}]+}", "x"), null, null, "path parameter " + m.group()));
            }
        }
        // junk in each documented query parameter
        for (JsonNode param : op.path("parameters")) {
            if (param.path("in").asText().equals("query")) {
                for (String v : BAD_QUERY_VALUES) {
                    String encoded = v.contains("%") ? v : URLEncoder.encode(v, StandardCharsets.UTF_8);
                    out.add(new Request(method, path + "?" + param.path("name").asText() + "=" + encoded, null, null,
                            "query " + param.path("name").asText()));
                }
            }
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            out.add(new Request(method, path, "application/json", "{\"unexpected\":\"body\"}".getBytes(StandardCharsets.UTF_8), "body on " + method));
            return;
        }
        // malformed, empty and wrongly typed bodies
        for (String text : MALFORMED) {
            out.add(new Request(method, path, "application/json", text.getBytes(StandardCharsets.UTF_8), "malformed JSON"));
        }
        out.add(new Request(method, path, "application/json", new byte[0], "empty body"));
        out.add(new Request(method, path, "text/plain", "hello".getBytes(StandardCharsets.UTF_8), "text/plain"));
        out.add(new Request(method, path, "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8), "XML"));
        out.add(new Request(method, path, "application/json", new byte[]{(byte) 0xC3, (byte) 0x28, '{', '}'}, "invalid UTF-8"));
        // each documented field of each body shape, given every bad value
        JsonNode content = op.path("requestBody").path("content");
        for (ObjectNode base : bases) {
            for (String field : fields(doc, content.path("application/json").path("schema"))) {
                for (JsonNode bad : BAD_VALUES) {
                    ObjectNode body = base.deepCopy();
                    body.set(field, bad);
                    out.add(new Request(method, path, "application/json", body.toString().getBytes(StandardCharsets.UTF_8),
                            "field " + field + " = " + abbreviate(bad.toString())));
                }
            }
        }
        if (content.has("multipart/form-data")) {
            String part = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nremoteId,currency\r\nx,USD\r\n";
            out.add(new Request(method, path, "multipart/form-data", (part + "--b--\r\n").getBytes(StandardCharsets.UTF_8), "multipart without boundary"));
            out.add(new Request(method, path, "multipart/form-data; boundary=zzz", (part + "--b--\r\n").getBytes(StandardCharsets.UTF_8), "multipart, wrong boundary"));
            out.add(new Request(method, path, "multipart/form-data; boundary=b", part.substring(0, 40).getBytes(StandardCharsets.UTF_8), "multipart, truncated"));
            out.add(new Request(method, path, "multipart/form-data; boundary=b", "--b--\r\n".getBytes(StandardCharsets.UTF_8), "multipart, no parts"));
        }
    }

    /** The top-level property names of a body schema, through $ref, oneOf, anyOf and allOf. */
    private static List<String> fields(JsonNode doc, JsonNode schema) {
        List<String> out = new ArrayList<>();
        collect(doc, schema, out, 0);
        return out.stream().distinct().toList();
    }

    private static void collect(JsonNode doc, JsonNode schema, List<String> out, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 8) {
            return;
        }
        if (schema.has("$ref")) {
            JsonNode target = doc;
            for (String part : schema.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part);
            }
            collect(doc, target, out, depth + 1);
            return;
        }
        schema.path("properties").fieldNames().forEachRemaining(out::add);
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            schema.path(combinator).forEach(s -> collect(doc, s, out, depth + 1));
        }
    }

    /** The body bases of a terminal request: one per request type, with the discriminators set. */
    static List<ObjectNode> terminalBases() {
        Map<String, Map<String, String>> types = new LinkedHashMap<>();
        types.put("device", Map.of("resourceType", "info"));
        types.put("system", Map.of("resourceType", "log", "logType", "requestResult", "actionType", "getList"));
        types.put("payment", Map.of("transactionType", "capture", "referenceNumber", "1"));
        types.put("dialog", Map.of("dialogType", "input"));
        types.put("msr", Map.of("actionType", "read"));
        types.put("print", Map.of("printType", "custom"));
        List<ObjectNode> out = new ArrayList<>();
        types.forEach((type, extra) -> {
            ObjectNode n = NODES.objectNode().put("requestType", type);
            extra.forEach(n::put);
            out.add(n);
        });
        out.add(NODES.objectNode());
        return out;
    }

    /** The body bases of a Cloud request: a valid one per transaction type (a sale by card and by token). */
    static List<ObjectNode> cloudBases() {
        List<ObjectNode> out = new ArrayList<>();
        ObjectNode billing = NODES.objectNode().put("name", "John Doe").put("street", "123 Main St").put("city", "Anytown")
                .put("state", "CA").put("zipcode", "12345").put("country", "US");
        for (String type : List.of("sale", "auth", "token")) {
            ObjectNode n = NODES.objectNode().put("requestType", "payment").put("actionType", "process").put("transactionType", type)
                    .put("amount", type.equals("token") ? "0.00" : "10.00").put("cardNumber", "4111111111111111")
                    .put("cardExpDate", "1230").put("cvv", "123").put("cardHolder", "John Doe");
            n.set("addressBilling", billing.deepCopy());
            out.add(n);
        }
        out.add(NODES.objectNode().put("requestType", "payment").put("actionType", "process").put("transactionType", "sale")
                .put("amount", "10.00").put("token", "4000000000001111"));
        for (String type : List.of("capture", "void", "return", "delete")) {
            out.add(NODES.objectNode().put("requestType", "payment").put("actionType", "process").put("transactionType", type)
                    .put("referenceNumber", "211025ABC-00000000-0000-4000-8000-000000000000"));
        }
        out.add(NODES.objectNode());
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
