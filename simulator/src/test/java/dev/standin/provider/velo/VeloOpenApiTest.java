package dev.standin.provider.velo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.standin.support.AcceptanceTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** openapi/velo.yaml and the server agree: every documented operation is served. */
class VeloOpenApiTest extends AcceptanceTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void everyDocumentedVeloOperationIsServed() throws IOException {
        JsonNode doc = new YAMLMapper().readTree(Path.of("../openapi/velo.yaml").toFile());
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path = doc.get("paths").fields(); path.hasNext(); ) {
            var entry = path.next();
            String concrete = entry.getKey().replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
            for (var method = entry.getValue().fieldNames(); method.hasNext(); ) {
                String m = method.next();
                if (!METHODS.contains(m)) {
                    continue;
                }
                operations++;
                var response = velo().contentType("application/json").body("{}").request(m.toUpperCase(), concrete);
                String message = response.then().extract().path("errors[0].errorMessage");
                if (response.statusCode() == 405 || message != null && message.startsWith("No endpoint")) {
                    missing.add(m.toUpperCase() + " " + entry.getKey());
                }
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(operations >= 32, "only " + operations + " operations documented");
    }
}
