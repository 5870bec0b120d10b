package dev.standin.core;

import dev.standin.core.id.IdGenerator;
import dev.standin.core.id.Ids;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdGeneratorTest {

    @Test
    void sameSeedStreamAndEpochGiveTheSameSequence() {
        assertEquals(draw(new IdGenerator(42, "velo", 0)), draw(new IdGenerator(42, "velo", 0)));
    }

    @Test
    void restartReplaysTheSequence() {
        IdGenerator ids = new IdGenerator(42, "velo", 0);
        List<String> first = draw(ids);
        ids.restart();
        assertEquals(first, draw(ids));
    }

    @Test
    void seedsStreamsAndEpochsEachGiveDifferentSequences() {
        List<String> base = draw(new IdGenerator(42, "velo", 0));
        assertNotEquals(base, draw(new IdGenerator(43, "velo", 0)));
        assertNotEquals(base, draw(new IdGenerator(42, "qolo", 0)));
        assertNotEquals(base, draw(new IdGenerator(42, "velo", 1)));
    }

    @Test
    void uuidsAreVersion4AndDistinct() {
        IdGenerator ids = new IdGenerator(1, "velo", 0);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            var uuid = ids.uuid();
            assertEquals(4, uuid.version());
            assertEquals(2, uuid.variant());
            assertTrue(seen.add(uuid.toString()));
        }
    }

    @Test
    void drawsStayInTheirRanges() {
        IdGenerator ids = new IdGenerator(1, "velo", 0);
        IntStream.range(0, 1000).forEach(i -> {
            assertTrue(ids.nextInt(6) < 6);
            double d = ids.nextDouble();
            assertTrue(d >= 0 && d < 1);
        });
        assertTrue(ids.digits(12).matches("[0-9]{12}"));
        assertTrue(ids.alphanumeric(20).matches("[A-Za-z0-9]{20}"));
    }

    @Test
    void settingTheEpochRestartsEveryStreamOnIt() {
        Ids ids = new Ids(42);
        IdGenerator velo = ids.stream("velo");
        ids.epoch(3);
        assertEquals(draw(new IdGenerator(42, "velo", 3)), draw(velo));
    }

    private static List<String> draw(IdGenerator ids) {
        return IntStream.range(0, 5).mapToObj(i -> ids.uuidString()).toList();
    }
}
