package dev.standin.core.http;

import java.util.List;

/**
 * A client-visible failure, independent of any provider's error shape: the provider's
 * {@link ErrorRenderer} turns it into its native body. It carries one or more {@link Violation}s
 * naming what was wrong and where.
 */
public class ApiError extends RuntimeException {

    /**
     * One thing wrong with a request.
     *
     * @param field        the offending field, parameter or header, or null
     * @param locationType where the field is: requestBody, queryParam, header, pathParam (or null)
     * @param code         a short machine-readable reason (e.g. NOT_FOUND, INVALID_VALUE)
     */
    public record Violation(String message, String code, String field, String locationType) {
    }

    private final int status;
    private final List<Violation> violations;
    private final String correlationId;

    public ApiError(int status, String code, String message, String field, String locationType) {
        this(status, List.of(new Violation(message, code, field, locationType)), null);
    }

    public ApiError(int status, List<Violation> violations) {
        this(status, violations, null);
    }

    private ApiError(int status, List<Violation> violations, String correlationId) {
        super(violations.isEmpty() ? "HTTP " + status : violations.getFirst().message(), null, false, false);
        this.status = status;
        this.violations = List.copyOf(violations);
        this.correlationId = correlationId;
    }

    public static ApiError badBody(String field, String message) {
        return new ApiError(400, "INVALID_VALUE", message, field, "requestBody");
    }

    public static ApiError badQuery(String param, String message) {
        return new ApiError(400, "INVALID_VALUE", message, param, "queryParam");
    }

    public static ApiError badPath(String param, String message) {
        return new ApiError(400, "INVALID_VALUE", message, param, "pathParam");
    }

    public static ApiError malformedJson(String message) {
        return new ApiError(400, "MALFORMED_JSON", message, "body", "requestBody");
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "NOT_FOUND", message, null, null);
    }

    public static ApiError conflict(String message, String field) {
        return new ApiError(409, "CONFLICT", message, field, field == null ? null : "requestBody");
    }

    public static ApiError unsupportedMediaType(String contentType) {
        return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE",
                "Content type '" + contentType + "' is not supported; send application/json", "Content-Type", "header");
    }

    public static ApiError internal(String correlationId) {
        return new ApiError(500, List.of(new Violation(
                "An unexpected error occurred; quote correlation id " + correlationId, "INTERNAL_ERROR", null, null)),
                correlationId);
    }

    public int status() {
        return status;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The first violation's code. */
    public String code() {
        return violations.isEmpty() ? "HTTP_" + status : violations.getFirst().code();
    }

    /** The first violation's field, or null. */
    public String field() {
        return violations.isEmpty() ? null : violations.getFirst().field();
    }

    /** The id logged with a server-side failure, or null for client errors. */
    public String correlationId() {
        return correlationId;
    }
}
