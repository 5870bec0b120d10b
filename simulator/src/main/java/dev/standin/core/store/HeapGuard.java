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
 * much of the heap is still in use, and while a full collection leaves more than {@code limitPercent}
 * of the maximum heap in use
 * every write that would add rows answers 507 in its provider's shape (the statement fails before it
 * runs, so its transaction rolls back whole) and {@code /_sim/health} says why. Reads, steps already
 * accepted, resets and sandbox removals still work, and free the heap again: the next collection lifts
 * the refusal once the heap is 5 points below the limit. A file database ({@code --data-dir}) keeps its data on disk, so its heap stays flat.
 */
public final class HeapGuard implements AutoCloseable {
    /** Points below the limit the heap must come back to before writes are taken again. */
    private static final int HYSTERESIS = 5;
    private final int limitPercent;
    private final long max = Runtime.getRuntime().maxMemory();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;
    private volatile long usedAfterGc = -1;
    private volatile String full;

    public HeapGuard(int limitPercent) {
        this.limitPercent = limitPercent;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Why writes are refused now, or null while there is room. */
    public String full() {
        return full;
    }

    private void collected(Notification n, Object handback) {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        update(used, info.getGcAction().contains("major"));
    }

    /**
     * Takes the heap in use after a collection. Only a full collection can say the heap is full: after
     * a young one, the old generation still holds garbage (rows deleted by a reset, say), so a young
     * collection above the limit asks for a full one (at most every few seconds) to know for sure.
     */
    private void update(long used, boolean major) {
        usedAfterGc = used;
        long percent = max <= 0 ? 0 : used * 100 / max;
        if (percent < limitPercent - (full == null ? 0 : HYSTERESIS)) {
            full = null; // once refusing, until well below the limit: a collection just under it would let the next write in
        } else if (full != null) {
            return;
        } else if (major) {
            full = "Standin's heap is " + percent + " % full after garbage collection (" + mb(used) + " of " + mb(max)
                + "; writes are refused from " + limitPercent + " %, --heap-limit-percent): reset or delete sandboxes, "
                + "or start with a larger heap (STANDIN_MAX_HEAP) or --data-dir";
        } else {
            collectFully();
        }
    }

    private volatile long lastFullRequest;

    private void collectFully() {
        long now = System.nanoTime();
        if (now - lastFullRequest < 2_000_000_000L) {
            return;
        }
        lastFullRequest = now;
        Thread.ofPlatform().daemon().name("standin-heap-check").start(System::gc); // never on the thread of a GC notification
    }

    private static String mb(long bytes) {
        return (bytes >> 20) + " MB";
    }

    /** What {@code /_sim/health} shows. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
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
