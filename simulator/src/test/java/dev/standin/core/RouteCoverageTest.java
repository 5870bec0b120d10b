package dev.standin.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.standin.StandinServer;
import dev.standin.support.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each API's routes and its OpenAPI document's operations are the same set: a route without a
 * documented operation, or a documented operation without a route, fails (parameter names aside).
 */
class RouteCoverageTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @ParameterizedTest
    @CsvSource({"control,control", "velo,velo", "vendreo,vendreo", "qolo,qolo", "velapayCloud,velapay-cloud", "terminals/terminal-1,velapay-terminal"})
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsServed(String api, String document) throws IOException {
        StandinServer server = TestServer.shared();
        Set<String> served = new TreeSet<>();
        for (String route : server.routes(api)) {
            // a created sandbox's control endpoints repeat the default sandbox's (documented once, see control.yaml)
            if (!route.matches("[A-Z]+ /_sim/sandboxes/\\{[^}]+}/.+") && !route.startsWith("HEAD ") && !route.startsWith("OPTIONS ")) {
                served.add(normalized(route));
            }
        }
        Set<String> documented = new TreeSet<>();
        JsonNode doc = new YAMLMapper().readTree(Path.of("..", "openapi", document + ".yaml").toFile());
        for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> methods = doc.path("paths").path(path).fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (METHODS.contains(method)) {
                    documented.add(normalized(method.toUpperCase() + " " + path));
                }
            }
        }
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(served);
        assertEquals(List.of(), List.copyOf(undocumented), "routes of " + api + " without an operation in openapi/" + document + ".yaml");
        assertEquals(List.of(), List.copyOf(unserved), "operations of openapi/" + document + ".yaml that " + api + " does not serve");
    }

    /** Path parameters named alike ({payeeId} and {id} are the same route), no trailing slash. */
    private static String normalized(String route) {
        String out = route.replaceAll("\\{[^}]+}", "{}").replaceAll("<[^>]+>", "{}");
        return out.length() > 1 && out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    }
}
