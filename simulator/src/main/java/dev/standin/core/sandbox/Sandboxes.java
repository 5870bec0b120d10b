package dev.standin.core.sandbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.standin.core.http.ApiError;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.store.HeapGuard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every sandbox of the server: the default one, and those created through the control API, each
 * found by its id (control requests) or by a credential it claimed (provider requests). A bounded
 * number; idle ones are removed by {@link #removeIdle()}.
 */
public final class Sandboxes implements AutoCloseable {
    public static final String DEFAULT = "default";

    private final Supplier<List<ProviderModule>> providers;
    private final int max;
    private final Duration idleLimit;
    private final HeapGuard heap;
    private final Map<String, Sandbox> byId = new LinkedHashMap<>();
    /**
     * Which sandbox each recently seen credential belongs to (the default one included): bounded and
     * forgotten after half an hour unused, so a client minting a token per request cannot grow it
     * (a soak found the first, unbounded version holding every token ever seen).
     */
    private final Cache<String, String> credentials = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();
    private final AtomicLong created = new AtomicLong();
    private final List<Consumer<Sandbox>> onOpen = new ArrayList<>();
    private final List<Consumer<Sandbox>> onClose = new ArrayList<>();
    private Sandbox defaultSandbox;
    /** Sandboxes being opened now, counted against the maximum. */
    private int opening;

    public Sandboxes(Supplier<List<ProviderModule>> providers, int max, Duration idleLimit, HeapGuard heap) {
        this.providers = providers;
        this.heap = heap;
        this.max = max;
        this.idleLimit = idleLimit;
    }

    /** Opens the default sandbox (the server's own, from its options). */
    public Sandbox openDefault(Sandbox.Spec spec, List<ProviderModule> modules) {
        Sandbox opened = Sandbox.open(spec, modules, heap);
        synchronized (this) {
            defaultSandbox = opened;
            byId.put(spec.id(), opened);
        }
        return opened;
    }

    /** Calls {@code listener} for every sandbox opened (after it is registered) and removed. */
    public synchronized void onChange(Consumer<Sandbox> opened, Consumer<Sandbox> closed) {
        onOpen.add(opened);
        onClose.add(closed);
    }

    /** A new id for a sandbox to be created: sb1, sb2, ... */
    public String nextId() {
        return "sb" + created.incrementAndGet();
    }

    /**
     * Opens and registers another sandbox; 429 when the maximum is reached, counting those still
     * opening (so that concurrent creations cannot overshoot it).
     */
    public Sandbox create(Sandbox.Spec spec) {
        String full = heap.full();
        if (full != null) {
            throw new ApiError(507, "HEAP_FULL", full, null, null);
        }
        synchronized (this) {
            if (byId.size() - 1 + opening >= max) {
                throw new ApiError(429, "TOO_MANY_SANDBOXES", "This server holds its maximum of " + max
                        + " sandboxes; delete one (DELETE /_sim/sandboxes/{id}) or start it with a higher --max-sandboxes", null, null);
            }
            opening++;
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.open(spec, providers.get(), heap);
        } catch (RuntimeException e) {
            synchronized (this) {
                opening--;
            }
            throw e;
        }
        List<Consumer<Sandbox>> listeners;
        synchronized (this) {
            opening--;
            byId.put(spec.id(), sandbox);
            listeners = List.copyOf(onOpen);
        }
        try {
            listeners.forEach(l -> l.accept(sandbox));
        } catch (RuntimeException e) {
            remove(spec.id());
            throw e;
        }
        return sandbox;
    }

    public synchronized Sandbox defaultSandbox() {
        return defaultSandbox;
    }

    public synchronized Optional<Sandbox> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public synchronized List<Sandbox> all() {
        return List.copyOf(byId.values());
    }

    /** Removes a created sandbox and all its state (the default one cannot be removed). */
    public boolean remove(String id) {
        Sandbox removed;
        List<Consumer<Sandbox>> listeners;
        synchronized (this) {
            if (DEFAULT.equals(id)) {
                throw new ApiError(409, "DEFAULT_SANDBOX", "The default sandbox cannot be removed; reset it instead", "id", "pathParam");
            }
            removed = byId.remove(id);
            listeners = List.copyOf(onClose);
        }
        if (removed == null) {
            return false;
        }
        credentials.asMap().values().removeIf(id::equals);
        listeners.forEach(l -> l.accept(removed));
        removed.close();
        return true;
    }

    /** Removes created sandboxes unused (no provider or control request) for longer than the idle limit. */
    public void removeIdle() {
        for (Sandbox s : all()) {
            if (s != defaultSandbox && s.idleNanos() > idleLimit.toNanos()) {
                remove(s.id());
            }
        }
    }

    /**
     * The sandbox whose {@code provider} knows {@code credential} (an API key, an issued token, an
     * invite id: what the provider's {@code credential(ctx)} read off the request), or the default
     * sandbox when none does (which then refuses it as the provider would). Answers are cached.
     */
    public Sandbox byCredential(String provider, String credential) {
        if (credential == null) {
            return defaultSandbox();
        }
        String key = provider + ":" + credential;
        String id = credentials.getIfPresent(key);
        if (id != null) {
            Optional<Sandbox> found = find(id);
            if (found.isPresent()) {
                return found.get();
            }
        }
        Sandbox owner = defaultSandbox();
        for (Sandbox s : all()) {
            if (s != owner && s.provider(provider).map(m -> m.owns(credential)).orElse(false)) {
                owner = s;
                break;
            }
        }
        credentials.put(key, owner.id());
        return owner;
    }

    /** The server's guard against running out of heap (shown by {@code /_sim/health}). */
    public HeapGuard heap() {
        return heap;
    }

    public int max() {
        return max;
    }

    @Override
    public void close() {
        for (Sandbox s : all()) {
            s.close();
        }
        heap.close();
    }
}
