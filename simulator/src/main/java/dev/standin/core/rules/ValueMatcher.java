package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * How a rule matches one value (a query parameter, header, body field or entity field): a bare
 * scalar means equality; an object may say {@code equals}, {@code regex}, {@code min}/{@code max}
 * (numeric, inclusive) and {@code present}.
 */
record ValueMatcher(String equals, Pattern regex, BigDecimal min, BigDecimal max, Boolean present) {

    static ValueMatcher of(JsonNode spec) {
        if (!spec.isObject()) {
            return new ValueMatcher(spec.isNull() ? null : spec.asText(), null, null, null, spec.isNull() ? Boolean.FALSE : null);
        }
        return new ValueMatcher(
                spec.has("equals") ? spec.get("equals").asText() : null,
                spec.has("regex") ? Pattern.compile(spec.get("regex").asText()) : null,
                spec.has("min") ? spec.get("min").decimalValue() : null,
                spec.has("max") ? spec.get("max").decimalValue() : null,
                spec.has("present") ? spec.get("present").asBoolean() : null);
    }

    /** {@code value} is null when absent. */
    boolean test(String value) {
        if (present != null && present != (value != null)) {
            return false;
        }
        if (value == null) {
            return equals == null && regex == null && min == null && max == null;
        }
        if (equals != null && !equals.equals(value)) {
            return false;
        }
        if (regex != null && !regex.matcher(value).matches()) {
            return false;
        }
        if (min != null || max != null) {
            BigDecimal number;
            try {
                number = new BigDecimal(value);
            } catch (NumberFormatException e) {
                return false;
            }
            return (min == null || number.compareTo(min) >= 0) && (max == null || number.compareTo(max) <= 0);
        }
        return true;
    }
}
