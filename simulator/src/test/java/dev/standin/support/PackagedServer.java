package dev.standin.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code standin.jar} system property, set by failsafe) in a JVM of its own, with
 * the control, Velo and Qolo ports known and every other API on a free port, for the tests that need a real
 * process (a heap limit, SIGKILL, two instances).
 */
public final class PackagedServer implements AutoCloseable {
    private static final String JAR = System.getProperty("standin.jar", "target/standin.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final Process process;
    public final int control;
    public final int velo;
    public final int qolo;
    public final Path log;

    private PackagedServer(Process process, int control, int velo, int qolo, Path log) {
        this.process = process;
        this.control = control;
        this.velo = velo;
        this.qolo = qolo;
        this.log = log;
    }

    /** Starts the jar with {@code jvmOptions} and {@code args} and waits (40 s at most) until it is healthy. */
    public static PackagedServer start(List<String> jvmOptions, List<String> args) throws Exception {
        int control = freePort();
        int velo = freePort();
        int qolo = freePort();
        Path log = Files.createTempFile("standin-process", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR, "--host", "127.0.0.1"));
        command.addAll(TestServer.freePorts());
        command.addAll(List.of("--port-control", String.valueOf(control), "--port-velo", String.valueOf(velo),
                "--port-qolo", String.valueOf(qolo))); // the last value wins
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PackagedServer server = new PackagedServer(process, control, velo, qolo, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("exited: " + server.output());
            }
            try {
                if (send(control, "GET", "/_sim/health", null, null).statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        server.close();
        throw new AssertionError("never healthy: " + server.output());
    }

    /** What the process printed. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /** One HTTP exchange with a port of this machine ({@code auth}: an Authorization header or null). */
    public static HttpResponse<String> send(int port, String method, String path, String auth, String body) throws Exception {
        return send(port, method, path, auth, body, java.util.Map.of());
    }

    /** The same with more headers (e.g. an IdempotencyKey). */
    public static HttpResponse<String> send(int port, String method, String path, String auth, String body,
                                            java.util.Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        headers.forEach(b::setHeader);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGKILL, and wait for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
