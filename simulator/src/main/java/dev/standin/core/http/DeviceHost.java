package dev.standin.core.http;

import io.javalin.Javalin;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one server of a provider's devices (card terminals) of every sandbox: a connector per device, on
 * the device's own port, added and removed while it runs. A server per device cost each sandbox about
 * 80 KB of Jetty and Javalin (a copy of Jetty's MIME table, a buffer pool with 280 counters, the
 * router) and about 7 ms to create; a connector costs its selector thread and little else.
 */
public final class DeviceHost {
    private final Javalin app;
    private final HttpServerFactory http;
    private final HttpServerFactory.Shared shared;
    private final HttpConfiguration httpConfig;
    private final Map<Integer, ServerConnector> connectors = new ConcurrentHashMap<>();

    /** Starts {@code app} (made by {@link HttpServerFactory#createDeviceHost}) with its first device's connector. */
    public DeviceHost(Javalin app, HttpServerFactory http, HttpServerFactory.Shared shared) {
        this.app = app;
        this.http = http;
        this.shared = shared;
        app.start(); // a port in use: JavalinBindException, for the caller to stop it
        ServerConnector first = (ServerConnector) app.jettyServer().server().getConnectors()[0];
        this.httpConfig = first.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        connectors.put(first.getLocalPort(), first);
    }

    /** The port its first device got. */
    public int firstPort() {
        return connectors.keySet().iterator().next();
    }

    /** Listens for one more device on {@code port} (0: a free one) and answers the port. */
    public synchronized int add(int port) throws IOException {
        Server server = app.jettyServer().server();
        ServerConnector connector = http.deviceConnector(server, shared, httpConfig, port);
        server.addConnector(connector);
        try {
            connector.start();
        } catch (Exception e) {
            server.removeConnector(connector);
            stopQuietly(connector);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        connectors.put(connector.getLocalPort(), connector);
        return connector.getLocalPort();
    }

    /** Stops listening on {@code port}: its open connections close. */
    public synchronized void remove(int port) {
        ServerConnector connector = connectors.remove(port);
        if (connector != null) {
            stopQuietly(connector);
            app.jettyServer().server().removeConnector(connector);
        }
    }

    private static void stopQuietly(Connector connector) {
        try {
            connector.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    public Javalin app() {
        return app;
    }

    public void stop() {
        app.stop();
    }
}
