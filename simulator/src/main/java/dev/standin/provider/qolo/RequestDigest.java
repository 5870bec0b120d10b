package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A request body's SHA-256 over a canonical form: every object's fields in name order and numbers by
 * value, so that two bodies differing only in spacing, field order or a number's spelling ({@code 1.50}
 * and {@code 1.5}) have the same digest, and any other difference another.
 */
final class RequestDigest {
    private RequestDigest() {
    }

    static byte[] of(JsonNode body) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        feed(sha, body);
        return sha.digest();
    }

    private static void feed(MessageDigest sha, JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            sha.update((byte) '{');
            for (String name : names) {
                text(sha, TextNode.valueOf(name).toString());
                sha.update((byte) ':');
                feed(sha, node.get(name));
                sha.update((byte) ',');
            }
            sha.update((byte) '}');
        } else if (node.isArray()) {
            sha.update((byte) '[');
            for (JsonNode item : node) {
                feed(sha, item);
                sha.update((byte) ',');
            }
            sha.update((byte) ']');
        } else if (node.isNumber() && !(node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()))) {
            text(sha, node.decimalValue().stripTrailingZeros().toString());
        } else {
            text(sha, node.toString()); // a string quoted and escaped, true, false, null, a number past double's range
        }
    }

    private static void text(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
    }
}
