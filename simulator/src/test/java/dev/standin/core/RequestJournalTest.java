package dev.standin.core;

import dev.standin.core.http.RequestJournal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The journal grows as entries come and keeps the newest {@code capacity} once full, newest first. */
class RequestJournalTest {
    private static void record(RequestJournal journal, int count) {
        for (int i = 0; i < count; i++) {
            long id = journal.nextId();
            journal.record(new RequestJournal.Entry(id, Instant.EPOCH, "velo", "GET", "/v1/x" + id, null, Map.of(), null, 200, null, 1, null));
        }
    }

    private static List<Long> ids(RequestJournal journal) {
        return journal.find(null, null, null, Integer.MAX_VALUE).stream().map(RequestJournal.Entry::id).toList();
    }

    @Test
    void aJournalKeepsTheNewestEntriesNewestFirstWhileGrowingAndOnceFull() {
        RequestJournal journal = new RequestJournal(40);
        record(journal, 20); // grown from 16 slots to 32
        assertEquals(LongStream.rangeClosed(1, 20).map(i -> 21 - i).boxed().toList(), ids(journal));
        record(journal, 80); // grown to its 40, then a ring
        assertEquals(40, journal.size());
        assertEquals(LongStream.rangeClosed(61, 100).map(i -> 161 - i).boxed().toList(), ids(journal));
        journal.clear();
        record(journal, 3);
        assertEquals(List.of(103L, 102L, 101L), ids(journal));
        assertEquals(40, journal.capacity());
    }
}
