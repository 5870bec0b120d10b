package dev.standin.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.Options;
import dev.standin.StandinServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The extension behind {@link StandinTest}: one server per JVM (embedded on free ports, or the one at
 * {@code STANDIN_URL} / system property {@code standin.url}), one sandbox per test class created before
 * its tests and removed after them, and the {@link Standin} handle injected where a test asks for it.
 */
public final class StandinExtension implements BeforeAllCallback, BeforeEachCallback, TestInstancePostProcessor,
        ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StandinExtension.class);

    /** The server all test classes of the JVM share; closed when the test run ends. */
    private record Server(String url, String token, StandinServer embedded) implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** The class's sandbox, removed when the class is done (the store closes it when the class's context ends). */
    private record Sandbox(Control control, Standin handle) implements AutoCloseable {
        @Override
        public void close() {
            control.delete("/_sim/sandboxes/" + handle.sandbox());
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        StandinTest options = context.getRequiredTestClass().getAnnotation(StandinTest.class);
        if (options == null) {
            return; // a @Nested class without an annotation of its own shares its enclosing class's sandbox
        }
        Server server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Server.class, k -> startOrConnect(), Server.class);
        Control serverControl = new Control(server.url(), null, server.token());
        ObjectNode request = Control.JSON.createObjectNode();
        request.put("name", context.getRequiredTestClass().getSimpleName().replaceAll("[^A-Za-z0-9._-]", "-"));
        var scenarios = request.putArray("scenarios");
        for (String s : options.scenarios()) {
            scenarios.add(Standin.forSandbox(s));
        }
        ObjectNode clock = request.putObject("clock").put("mode", options.clock());
        if (!options.start().isEmpty()) {
            clock.put("start", options.start());
        }
        request.put("seed", options.seed());
        JsonNode created = serverControl.postJson("/_sim/sandboxes", request);
        String id = created.path("id").asText();
        Control sandbox = new Control(server.url(), id, created.path("controlToken").asText(null));
        Standin handle = new Standin(sandbox, id, URI.create(server.url()).getHost());
        context.getStore(NAMESPACE).put(Sandbox.class, new Sandbox(sandbox, handle));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        StandinTest options = context.getRequiredTestClass().getAnnotation(StandinTest.class);
        if (options != null && options.resetEachTest()) {
            handle(context).reset();
        }
    }

    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) throws IllegalAccessException {
        for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == Standin.class && !Modifier.isFinal(f.getModifiers())) {
                    f.setAccessible(true);
                    f.set(Modifier.isStatic(f.getModifiers()) ? null : instance, handle(context));
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Standin.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return handle(context);
    }

    private static Standin handle(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Sandbox sandbox = c.getStore(NAMESPACE).get(Sandbox.class, Sandbox.class);
            if (sandbox != null) {
                return sandbox.handle();
            }
        }
        throw new IllegalStateException("no Standin sandbox: annotate the test class with @StandinTest");
    }

    /** {@code STANDIN_URL} (or {@code -Dstandin.url}) names a running server; otherwise one is started here, on free ports. */
    private static Server startOrConnect() {
        String url = System.getProperty("standin.url", System.getenv("STANDIN_URL"));
        String token = System.getProperty("standin.controlToken", System.getenv("STANDIN_CONTROL_TOKEN"));
        if (url != null && !url.isBlank()) {
            return new Server(url, token, null);
        }
        List<String> args = List.of("--host", "127.0.0.1", "--port-control", "0", "--port-velo", "0", "--port-vendreo", "0",
                "--port-qolo", "0", "--port-velapay-cloud", "0", "--port-terminals", "0");
        StandinServer server = StandinServer.start(Options.parse(args.toArray(String[]::new), Map.of()));
        return new Server("http://127.0.0.1:" + server.port("control"), null, server);
    }
}
