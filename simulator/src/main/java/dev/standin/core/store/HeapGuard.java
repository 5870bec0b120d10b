package dev.standin.core.store;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps an in-memory Standin from running out of heap: after every garbage collection it reads how
 * much of the space that holds stored data is still in use, and while a full collection leaves more
 * than {@code limitPercent} of it in use every write that would add rows answers 507 in its provider's
 * shape (the statement fails before it runs, so its transaction rolls back whole) and
 * {@code /_sim/health} says why. Reads, steps already accepted, resets and sandbox removals still work,
 * and free the heap again: the next collection lifts the refusal once the space is 5 points below the
 * limit. A file database ({@code --data-dir}) keeps its data on disk, so its heap stays flat.
 *
 * <p>That space is the old generation when the collector has one (serial, parallel, G1): stored rows
 * live there, and once it is full every collection is a full one that frees only the young
 * generation's garbage, so the server spends its time collecting (and the parallel collector throws
 * {@code OutOfMemoryError: GC overhead limit exceeded}) while the heap as a whole still looks 10 to 30 %
 * free. Without an old generation (ZGC's single one, Shenandoah) it is the whole heap.
 */
public final class HeapGuard implements AutoCloseable {
    /** Points below the limit the space must come back to before writes are taken again. */
    private static final int HYSTERESIS = 5;
    /** How long a requested full collection is awaited before another may be asked for. */
    private static final long REQUEST_NANOS = 2_000_000_000L;
    private final int limitPercent;
    /** The pool measured (its name, as collections report it), or null for every heap pool. */
    private final String space;
    private final long max;
    private final Runnable requestFullCollection;
    private final java.util.function.LongSupplier nanoTime;
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;
    private volatile long usedAfterGc = -1;
    private volatile String full;
    private volatile long lastFullPercent;
    private volatile boolean fullRequested;
    private volatile long lastFullRequest;

    public HeapGuard(int limitPercent) {
        this(limitPercent, storedDataSpace(), // never on the thread of a GC notification
                () -> Thread.ofPlatform().daemon().name("standin-heap-check").start(System::gc));
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private HeapGuard(int limitPercent, MemoryPoolMXBean space, Runnable requestFullCollection) {
        this(limitPercent, space == null ? null : space.getName(),
                space == null ? Runtime.getRuntime().maxMemory() : space.getUsage().getMax(), requestFullCollection, System::nanoTime);
    }

    /** A guard told of collections by {@link #collected(long, boolean)} only, on a clock of the caller's (HeapGuardTest). */
    HeapGuard(int limitPercent, String space, long max, Runnable requestFullCollection, java.util.function.LongSupplier nanoTime) {
        this.limitPercent = limitPercent;
        this.space = space;
        this.max = max;
        this.requestFullCollection = requestFullCollection;
        this.nanoTime = nanoTime;
        this.lastFullRequest = nanoTime.getAsLong() - REQUEST_NANOS;
    }

    /**
     * Why writes are refused now, or null while there is room. A write refused asks for a full
     * collection (at most every two seconds), which sees the room a reset or a removal made since.
     */
    public String full() {
        String why = full;
        if (why != null) {
            collectFully();
        }
        return why;
    }

    private void collected(Notification n, Object handback) {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (space == null ? heapPools.contains(pool.getKey()) : space.equals(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        collected(used, info.getGcAction().contains("major"));
    }

    /** The heap pool holding the old generation, or null when the collector has none with a fixed maximum. */
    private static MemoryPoolMXBean storedDataSpace() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.contains("Old Gen") || name.contains("Tenured"))
                    && pool.getUsage().getMax() > 0) {
                return pool;
            }
        }
        return null;
    }

    /**
     * Takes the space in use after a collection. Only a full collection can say the space is full: after
     * a young one, the old generation still holds garbage (rows deleted by a reset, say), so a young
     * collection above the limit asks for a full one to know for sure: before refusing, each time the
     * space has grown by {@link #HYSTERESIS} points since the last full collection, so the refusal comes
     * within a few points of the limit, not once the old generation has filled up (while refusing, the
     * refused writes ask: see {@link #full()}).
     */
    void collected(long used, boolean major) {
        usedAfterGc = used;
        long percent = max <= 0 ? 0 : used * 100 / max;
        if (major) {
            lastFullPercent = percent;
            fullRequested = false;
        }
        if (percent < limitPercent - (full == null ? 0 : HYSTERESIS)) {
            full = null; // once refusing, until well below the limit: a collection just under it would let the next write in
        } else if (major) {
            if (full == null) {
                full = "Standin's heap is " + percent + " % full after garbage collection (" + mb(used) + " of " + mb(max)
                    + (space == null ? "" : " in its old generation, which holds the stored data") + "; writes are refused from "
                    + limitPercent + " %, --heap-limit-percent): reset or delete sandboxes, "
                    + "or start with a larger heap (STANDIN_MAX_HEAP) or --data-dir";
            }
        } else if (full == null && percent - lastFullPercent >= HYSTERESIS) {
            collectFully();
        }
    }

    /** Asks for a full collection unless one was asked for less than two seconds ago (and has not come yet, or came). */
    private void collectFully() {
        long now = nanoTime.getAsLong();
        if (now - lastFullRequest < REQUEST_NANOS && (fullRequested || full != null)) {
            return;
        }
        fullRequested = true;
        lastFullRequest = now;
        requestFullCollection.run();
    }

    private static String mb(long bytes) {
        return (bytes >> 20) + " MB";
    }

    /** What {@code /_sim/health} shows. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("space", space == null ? "heap" : space);
        out.put("maxBytes", max);
        out.put("usedAfterGcBytes", usedAfterGc < 0 ? 0 : usedAfterGc);
        out.put("limitPercent", limitPercent);
        out.put("full", full != null);
        if (full != null) {
            out.put("why", full);
        }
        return out;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already removed
            }
        }
    }
}
