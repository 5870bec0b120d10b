package dev.standin.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The server's one JSON configuration: ISO-8601 timestamps, nulls kept (providers' examples show
 * them), and decimal numbers read as exact decimals (a number beyond a double's range stays a number).
 */
public final class Json {
    private static final ObjectMapper MAPPER = builder().serializationInclusion(JsonInclude.Include.ALWAYS).build();
    private static final ObjectMapper WITHOUT_NULLS = builder()
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.WRITE_NULL_PROPERTIES)
            .build();

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // 1e1000 is a number a client may send: read it exactly, never as an infinite double
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The same, but an absent value is left out instead of written as null (in maps, objects and
     * JSON trees alike): for providers whose documents type fields as non-nullable.
     */
    public static ObjectMapper withoutNulls() {
        return WITHOUT_NULLS;
    }
}
