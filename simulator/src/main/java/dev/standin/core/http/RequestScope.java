package dev.standin.core.http;

/**
 * What a provider request is served by once its sandbox is known: the sandbox's journal, its rule
 * filter and error shape per provider, and its instance of each provider (an Object here: http knows
 * no provider types; the provider casts its own).
 */
public interface RequestScope {
    RequestJournal journal();

    RequestFilter filter(String provider);

    ErrorRenderer errors(String provider);

    Object module(String provider);

    /** The scope's virtual time, which the journal stamps. */
    java.time.Instant now();

    /** Whether requests are held to their API's document before handlers run (a scenario's settings.validateRequests). */
    default boolean validateRequests() {
        return false;
    }

    /** Marks the scope as used now; throws {@link Gone} when it was removed meanwhile (by another instance). */
    void touch();

    /** The scope was removed by another instance sharing its database: find the request's scope again. */
    final class Gone extends RuntimeException {
        public Gone(String message) {
            super(message, null, false, false);
        }
    }
}
