package dev.standin.core.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The bounded journal of recent requests and responses, across every provider; the oldest entries fall off. */
public final class RequestJournal {
    public static final int MAX_BODY_CHARS = 8192;

    /** The request attribute naming the scenario rule that decided the exchange ("scenario/rule"), set by the rules. */
    public static final String DECIDED_BY = "standin.decidedBy";

    /** One exchange as recorded; {@code rule} is the scenario rule that decided it ("scenario/rule"), or null. */
    public record Entry(long id, Instant at, String provider, String method, String path, String query,
                        Map<String, String> requestHeaders, String requestBody,
                        int status, String responseBody, double durationMs, String rule) {
    }

    /**
     * The newest entries, up to {@code capacity}: grown as entries come (a thousand slots are 4 KB, which
     * every one of hundreds of sandboxes paid before its first request), and a ring once full.
     */
    private Entry[] ring;
    private final int capacity;
    private final AtomicLong sequence = new AtomicLong();
    private long next;
    private int size;

    public RequestJournal(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.ring = new Entry[Math.min(this.capacity, 16)];
    }

    public boolean enabled() {
        return capacity > 0;
    }

    public long nextId() {
        return sequence.incrementAndGet();
    }

    public synchronized void record(Entry entry) {
        if (capacity == 0) {
            return;
        }
        if (size == ring.length && ring.length < capacity) { // not yet wrapped: the entries are at 0 .. next - 1
            ring = java.util.Arrays.copyOf(ring, Math.min(capacity, ring.length * 2));
        }
        ring[(int) (next++ % ring.length)] = entry;
        size = Math.min(size + 1, ring.length);
    }

    /** Newest first, each filter optional (null): provider and method exact, path as a prefix. */
    public synchronized List<Entry> find(String provider, String method, String pathPrefix, int limit) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < size && out.size() < limit; i++) {
            Entry e = ring[(int) ((next - 1 - i) % ring.length)];
            if ((provider == null || provider.equalsIgnoreCase(e.provider()) || e.provider().startsWith(provider + "/"))
                    && (method == null || method.toUpperCase(Locale.ROOT).equals(e.method()))
                    && (pathPrefix == null || e.path().startsWith(pathPrefix))) {
                out.add(e);
            }
        }
        return out;
    }

    public synchronized int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        next = 0;
        size = 0;
    }

    public static String truncate(String body) {
        if (body == null) {
            return null;
        }
        return body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS) + "...(truncated)";
    }
}
