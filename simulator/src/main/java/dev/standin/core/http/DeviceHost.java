package dev.standin.core.http;

import io.javalin.Javalin;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one server of a provider's devices (card terminals) of every sandbox: a listening port per
 * device, added and removed while it runs, every one accepted by the first device's connector and
 * served by its one selector thread. A server per device cost each sandbox about 80 KB of Jetty and
 * Javalin (a copy of Jetty's MIME table, a buffer pool with 280 counters, the router) and about 7 ms
 * to create, and a connector per device a selector thread (and its stack) each; a port costs its
 * socket.
 */
public final class DeviceHost {
    /** A device's port: its listening socket and its registration with the selector. */
    private record Port(ServerSocketChannel channel, Closeable acceptor) {
    }

    private final Javalin app;
    /** The first device's connector, whose selector accepts and serves every device's connections. */
    private final ServerConnector hub;
    private final int hubPort;
    private final Map<Integer, Port> ports = new ConcurrentHashMap<>();

    /** Starts {@code app} (made by {@link HttpServerFactory#createDeviceHost}) with its first device's connector. */
    public DeviceHost(Javalin app) {
        this.app = app;
        app.start(); // a port in use: JavalinBindException, for the caller to stop it
        this.hub = (ServerConnector) app.jettyServer().server().getConnectors()[0];
        this.hubPort = hub.getLocalPort();
    }

    /** The port its first device got. */
    public int firstPort() {
        return hubPort;
    }

    /** Listens for one more device on {@code port} (0: a free one) and answers the port; a port in use: {@link java.net.BindException}. */
    public synchronized int add(int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            String host = hub.getHost();
            channel.bind(host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port), hub.getAcceptQueueSize());
            channel.configureBlocking(false);
            int bound = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            ports.put(bound, new Port(channel, hub.getSelectorManager().acceptor(channel)));
            return bound;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Stops listening on {@code port}, and closes the connections made to it. It returns once the port
     * no longer accepts: closing a channel registered with a selector only marks it, and the socket is
     * closed when the selector thread next deregisters it (a removal answered 204 while its terminal's
     * port still took connections on a loaded machine).
     */
    public synchronized void remove(int port) {
        try {
            if (port == hubPort) {
                hub.setAccepting(false);
                if (hub.getTransport() instanceof ServerSocketChannel channel) {
                    channel.close();
                    awaitDeregistered(channel);
                }
            } else {
                Port p = ports.remove(port);
                if (p != null) {
                    p.acceptor().close();
                    p.channel().close();
                    awaitDeregistered(p.channel());
                }
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        for (EndPoint endPoint : hub.getConnectedEndPoints()) {
            if (endPoint.getLocalSocketAddress() instanceof InetSocketAddress local && local.getPort() == port) {
                endPoint.close();
            }
        }
    }

    /** Waits (at most 5 s) for the selector thread to deregister a closed channel, which closes its socket. */
    private static void awaitDeregistered(ServerSocketChannel channel) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (channel.isRegistered() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    public Javalin app() {
        return app;
    }

    public synchronized void stop() {
        for (Integer port : Map.copyOf(ports).keySet()) {
            remove(port);
        }
        app.stop();
    }
}
