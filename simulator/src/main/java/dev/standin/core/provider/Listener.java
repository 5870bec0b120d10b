package dev.standin.core.provider;

import io.javalin.apibuilder.EndpointGroup;

/**
 * One more server of a provider, declared by the loaded scenarios (e.g. a card terminal).
 *
 * @param id    unique within the provider; a listener whose id disappears is stopped
 * @param port  the port asked for, or null for the next free one from the provider's base port
 */
public record Listener(String id, Integer port, EndpointGroup routes) {
}
