package dev.standin.core.sandbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.standin.core.http.ApiError;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.store.Database;
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
    private final Object attaching = new Object();
    private Sandbox defaultSandbox;
    /** The created sandboxes of a database several instances share (PostgreSQL), or null. */
    private SandboxCatalog catalog;
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
        Sandbox opened = Sandbox.open(spec, modules, heap, null);
        synchronized (this) {
            defaultSandbox = opened;
            byId.put(spec.id(), opened);
            if (opened.database().sharedByInstances()) { // created sandboxes live in it too, for every instance
                catalog = new SandboxCatalog(opened.database());
            }
        }
        return opened;
    }

    /** Calls {@code listener} for every sandbox opened (after it is registered) and removed. */
    public synchronized void onChange(Consumer<Sandbox> opened, Consumer<Sandbox> closed) {
        onOpen.add(opened);
        onClose.add(closed);
    }

    /** A new id for a sandbox to be created: sb1, sb2, ... (on a shared database, unique among its instances). */
    public String nextId() {
        SandboxCatalog shared = catalog();
        return shared != null ? shared.nextId() : "sb" + created.incrementAndGet();
    }

    private synchronized SandboxCatalog catalog() {
        return catalog;
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
        SandboxCatalog shared = catalog();
        int listed = shared != null ? shared.count() : -1; // on a shared database every created sandbox is listed there
        synchronized (this) {
            if ((listed >= 0 ? listed : byId.size() - 1) + opening >= max) {
                throw new ApiError(429, "TOO_MANY_SANDBOXES", "This server holds its maximum of " + max
                        + " sandboxes; delete one (DELETE /_sim/sandboxes/{id}) or start it with a higher --max-sandboxes", null, null);
            }
            opening++;
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.open(spec, providers.get(), heap, defaultSandbox());
            if (shared != null) {
                try {
                    shared.save(spec); // from now on every instance finds it
                } catch (RuntimeException e) {
                    sandbox.destroy();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                opening--;
            }
            throw e;
        }
        sandbox.forgetScenarioTexts();
        return registered(sandbox, true);
    }

    /** Registers an opened sandbox and tells the listeners; on their failure it is removed again ({@code created}) or closed here. */
    private Sandbox registered(Sandbox sandbox, boolean created) {
        Sandbox.Spec spec = sandbox.spec();
        List<Consumer<Sandbox>> listeners;
        sandbox.whenRemovedElsewhere(this::closedIfRemoved);
        synchronized (this) {
            if (created) {
                opening--; // counted against the maximum while it opened
            }
            byId.put(spec.id(), sandbox);
            listeners = List.copyOf(onOpen);
        }
        try {
            listeners.forEach(l -> l.accept(sandbox));
        } catch (RuntimeException e) {
            if (created) {
                remove(spec.id());
            } else {
                detach(sandbox);
            }
            throw e;
        }
        return sandbox;
    }

    public synchronized Sandbox defaultSandbox() {
        return defaultSandbox;
    }

    /** The sandbox {@code id}: open here, or (on a shared database) made by another instance and opened here now. */
    public Optional<Sandbox> find(String id) {
        Optional<Sandbox> local = local(id);
        SandboxCatalog shared = catalog();
        if (local.isPresent() || shared == null) {
            return local;
        }
        synchronized (attaching) { // one opening of a sandbox at a time
            local = local(id);
            if (local.isPresent()) {
                return local;
            }
            Optional<SandboxCatalog.Made> made = shared.find(id);
            if (made.isEmpty()) {
                return Optional.empty();
            }
            Sandbox opened = Sandbox.open(made.get().spec(id, defaultSandbox().spec()), providers.get(), heap, defaultSandbox());
            return Optional.of(registered(opened, false));
        }
    }

    private synchronized Optional<Sandbox> local(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** On a shared database: opens here every sandbox another instance made (to find a credential's, or list them all). */
    public void openAll() {
        SandboxCatalog shared = catalog();
        if (shared != null) {
            shared.ids().forEach(this::find);
        }
    }

    /**
     * On a shared database: closes here the sandboxes another instance removed, and records when this
     * instance last used each (for removing idle ones). A no-op otherwise.
     */
    public void sync() {
        SandboxCatalog shared = catalog();
        if (shared == null) {
            return;
        }
        List<String> ids = shared.ids();
        for (Sandbox s : all()) {
            if (s.sharedByInstances() && !ids.contains(s.id())) {
                detach(s);
            } else if (s.sharedByInstances() && s.idleNanos() < SYNC_PERIOD.toNanos() * 2) { // used since the last sync
                shared.used(s.id(), Duration.ofNanos(s.idleNanos()));
            }
        }
    }

    /** How often {@link #sync} should run: the delay before another instance's removal is noticed here. */
    public static final Duration SYNC_PERIOD = Duration.ofSeconds(5);

    /** Whether another instance removed {@code s} (then closed here), asked when its state cannot be read. */
    private boolean closedIfRemoved(Sandbox s) {
        SandboxCatalog shared = catalog();
        if (shared == null || shared.find(s.id()).isPresent()) {
            return false;
        }
        detach(s);
        return true;
    }

    /** Closes a sandbox here only (another instance removed it, or it could not be opened here). */
    private void detach(Sandbox s) {
        if (unregister(s.id()) != null) {
            s.close();
        }
    }

    /** Takes a sandbox out of the registry, its credentials and its listeners' care; null when it was not open here. */
    private Sandbox unregister(String id) {
        Sandbox removed;
        List<Consumer<Sandbox>> listeners;
        synchronized (this) {
            removed = byId.remove(id);
            listeners = List.copyOf(onClose);
        }
        if (removed != null) {
            credentials.asMap().values().removeIf(id::equals);
            listeners.forEach(l -> l.accept(removed));
        }
        return removed;
    }

    public synchronized List<Sandbox> all() {
        return List.copyOf(byId.values());
    }

    /** Removes a created sandbox and all its state (the default one cannot be removed). */
    public boolean remove(String id) {
        if (DEFAULT.equals(id)) {
            throw new ApiError(409, "DEFAULT_SANDBOX", "The default sandbox cannot be removed; reset it instead", "id", "pathParam");
        }
        Sandbox removed = unregister(id);
        if (removed == null) {
            return false;
        }
        SandboxCatalog shared = catalog();
        if (shared != null && removed.sharedByInstances()) {
            if (shared.delete(id)) { // the one instance that removed it drops its state; the others close it at their next sync
                removed.destroy();
            } else {
                removed.close();
            }
        } else {
            removed.destroy();
        }
        return true;
    }

    /**
     * Removes created sandboxes unused (no provider or control request) for longer than the idle limit:
     * on a shared database, unused by every instance (each records its use at {@link #sync}).
     */
    public void removeIdle() {
        SandboxCatalog shared = catalog();
        if (shared != null) {
            sync();
            for (String id : shared.idle(idleLimit)) {
                if (local(id).isPresent()) {
                    remove(id);
                } else if (shared.delete(id)) { // not open here: its schemas go without opening it
                    Database.sandbox(defaultSandbox().database(), id).drop();
                }
            }
            return;
        }
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
        Sandbox owner = owner(provider, credential);
        if (owner == null && catalog() != null) { // perhaps a sandbox another instance made, not opened here yet
            openAll();
            owner = owner(provider, credential);
        }
        if (owner == null) {
            owner = defaultSandbox();
        }
        credentials.put(key, owner.id());
        return owner;
    }

    private Sandbox owner(String provider, String credential) {
        Sandbox home = defaultSandbox();
        for (Sandbox s : all()) {
            if (s != home && s.provider(provider).map(m -> m.owns(credential)).orElse(false)) {
                return s;
            }
        }
        return null;
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
        for (Sandbox s : all().reversed()) { // the default one last: on PostgreSQL the others use its connections
            s.close();
        }
        heap.close();
    }
}
