package dev.standin.core.provider;

/**
 * One more server of a provider, declared by the loaded scenarios (e.g. a card terminal): a port of its
 * own, served by the provider's {@link ProviderModule#deviceRoutes()}.
 *
 * @param id    unique within the provider; a listener whose id disappears is stopped
 * @param port  the port asked for, or null for the next free one from the provider's base port
 */
public record Listener(String id, Integer port) {
}
