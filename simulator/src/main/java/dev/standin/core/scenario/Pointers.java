package dev.standin.core.scenario;

/** Turns JSON pointers into the field names people read: {@code /seed/velo/payors/0/apiKey} to {@code seed.velo.payors[0].apiKey}. */
public final class Pointers {
    private Pointers() {
    }

    public static String toField(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String raw : pointer.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            String segment = raw.replace("~1", "/").replace("~0", "~");
            if (segment.chars().allMatch(Character::isDigit)) {
                out.append('[').append(segment).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(segment);
            }
        }
        return out.toString();
    }

    public static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }
}
