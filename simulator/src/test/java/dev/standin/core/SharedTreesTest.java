package dev.standin.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.standin.core.json.SharedTrees;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Sandboxes of one scenario keep one copy of what their scenarios have in common. */
class SharedTreesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void equalSubtreesOfTwoTreesAreOneObjectAndTheTreesStayEqualToWhatWasParsed() throws Exception {
        JsonNode a = JSON.readTree("{\"payors\":[{\"apiKey\":\"k1\",\"payees\":[{\"name\":\"Ann\",\"n\":1}]}],\"settings\":{\"instant\":true}}");
        JsonNode b = JSON.readTree("{\"payors\":[{\"apiKey\":\"k2\",\"payees\":[{\"name\":\"Ann\",\"n\":1}]}],\"settings\":{\"instant\":true}}");
        JsonNode sharedA = SharedTrees.share(a);
        JsonNode sharedB = SharedTrees.share(b);
        assertEquals(a, sharedA);
        assertEquals(b, sharedB);
        assertSame(sharedA.get("settings"), sharedB.get("settings"));
        assertSame(sharedA.at("/payors/0/payees"), sharedB.at("/payors/0/payees"));
        assertNotSame(sharedA.at("/payors/0"), sharedB.at("/payors/0"), "they differ in the key");
        assertSame(sharedA, SharedTrees.share(JSON.readTree(a.toString())), "an equal tree is the same tree");
    }

    @Test
    void subtreesOnlyOneTreeHasAreNotKeptForSharing() throws Exception {
        JsonNode template = JSON.readTree("{\"payors\":[{\"apiKey\":\"k\",\"payees\":[{\"name\":\"Bo\",\"n\":2}]}]}");
        SharedTrees.share(template);
        SharedTrees.share(template); // what all the trees below have in common is now kept
        long before = SharedTrees.kept();
        JsonNode last = null;
        for (int i = 0; i < 100; i++) {
            last = SharedTrees.share(JSON.readTree(template.toString().replace("\"k\"", "\"unique-" + i + "\"")));
        }
        assertEquals(before, SharedTrees.kept(), "a hundred trees with a key each of their own keep nothing more");
        assertSame(SharedTrees.share(template).at("/payors/0/payees"), last.at("/payors/0/payees"), "what they share is still one object");
    }
}
