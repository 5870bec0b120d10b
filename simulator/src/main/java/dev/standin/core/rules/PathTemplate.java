package dev.standin.core.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A path like {@code /v3/payouts/{payoutId}}: matches one path and answers its named segments. */
record PathTemplate(String template, Pattern pattern, List<String> names) {
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    static PathTemplate of(String template) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        String rest = template.substring(last);
        if (rest.contains("{") || rest.contains("}")) {
            throw new IllegalArgumentException("'" + template + "' has an unbalanced '{' or '}'");
        }
        return new PathTemplate(template, Pattern.compile(regex + "/?"), List.copyOf(names));
    }

    Optional<Map<String, String>> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), m.group(i + 1));
        }
        return Optional.of(values);
    }
}
