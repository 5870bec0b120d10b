package dev.standin.core.scenario;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The scenarios shipped in the jar ({@code scenarios/*.yaml}): loadable by name from the control API, the console and the CLI. */
public final class ShippedScenarios {
    private static final String DIR = "scenarios/";
    private static volatile List<String> names;

    private ShippedScenarios() {
    }

    /** The text of a shipped scenario by name ("default", "velo-partial-failure"). */
    public static Optional<String> text(String name) {
        if (!name.matches("[a-z0-9-]{1,64}")) {
            return Optional.empty();
        }
        try (InputStream in = ShippedScenarios.class.getClassLoader().getResourceAsStream(DIR + name + ".yaml")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static volatile Map<String, String> described;

    /** Every shipped scenario's name and description, by name (read from the jar once). */
    public static Map<String, String> described() {
        if (described == null) {
            described = describe();
        }
        return described;
    }

    private static Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names()) {
            String description = "";
            try {
                description = new YAMLMapper().readTree(text(name).orElse("")).path("description").asText("");
            } catch (IOException e) {
                description = "(unreadable: " + e.getMessage() + ")";
            }
            out.put(name, description);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The names, read once from the jar (or the classes directory when run from the build). */
    public static List<String> names() {
        if (names == null) {
            names = list();
        }
        return names;
    }

    private static List<String> list() {
        URL marker = ShippedScenarios.class.getClassLoader().getResource(DIR + "default.yaml");
        if (marker == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try {
            if (marker.getProtocol().equals("jar")) {
                var jar = ((JarURLConnection) marker.openConnection()).getJarFile();
                jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(DIR) && n.endsWith(".yaml") && n.indexOf('/', DIR.length()) < 0)
                        .forEach(n -> out.add(n.substring(DIR.length(), n.length() - ".yaml".length())));
            } else {
                try (Stream<Path> files = Files.list(Path.of(marker.toURI()).getParent())) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                            .forEach(n -> out.add(n.substring(0, n.length() - ".yaml".length())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Collections.sort(out);
        return List.copyOf(out);
    }
}
