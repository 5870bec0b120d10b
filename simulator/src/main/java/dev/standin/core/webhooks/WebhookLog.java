package dev.standin.core.webhooks;

import dev.standin.core.store.Database;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where webhook deliveries are kept: in memory, or as rows when several instances share the database. */
interface WebhookLog {
    /** How many deliveries the log keeps (the oldest fall off). */
    int SIZE = 1000;

    static WebhookLog of(Database database) {
        return database.sharedByInstances() ? new StoredWebhookLog(database) : new Memory();
    }

    /** Whether attempts must be stored steps (any instance makes them) rather than in-memory events. */
    boolean shared();

    void add(Delivery d);

    Optional<Delivery> find(long id);

    /** After {@code d} changed (an attempt recorded, a redelivery). */
    void saved(Delivery d);

    /** Newest first. */
    List<Delivery> recent();

    int size();

    void clear();

    /** The in-memory log: the deliveries themselves, changed in place. */
    final class Memory implements WebhookLog {
        private final Map<Long, Delivery> log = new LinkedHashMap<>();

        @Override
        public boolean shared() {
            return false;
        }

        @Override
        public synchronized void add(Delivery d) {
            log.put(d.id, d);
            Iterator<Delivery> it = log.values().iterator();
            while (log.size() > SIZE && it.hasNext()) {
                it.next();
                it.remove();
            }
        }

        @Override
        public synchronized Optional<Delivery> find(long id) {
            return Optional.ofNullable(log.get(id));
        }

        @Override
        public void saved(Delivery d) {
            // changed in place
        }

        @Override
        public synchronized List<Delivery> recent() {
            List<Delivery> out = new ArrayList<>(log.values());
            Collections.reverse(out);
            return out;
        }

        @Override
        public synchronized int size() {
            return log.size();
        }

        @Override
        public synchronized void clear() {
            log.clear();
        }
    }
}
