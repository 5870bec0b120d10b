package dev.standin.core.http;

/** The API errors for HTTP-level failures that no handler chose: the same words whichever layer noticed them. */
public final class HttpErrors {
    private HttpErrors() {
    }

    /** An error for {@code status} as Jetty or Javalin reported it, with Jetty's {@code reason} when it gave one. */
    public static ApiError of(int status, String reason, long maxBodyBytes) {
        return switch (status) {
            case 400 -> new ApiError(400, "BAD_REQUEST", "The request is malformed" + because(reason), null, null);
            case 408 -> new ApiError(408, "REQUEST_TIMEOUT", "The request body did not arrive in time" + because(reason), "body", "requestBody");
            case 413 -> tooLarge(maxBodyBytes);
            case 414 -> new ApiError(414, "URI_TOO_LONG", "The request URI is longer than the server accepts", null, null);
            case 431 -> new ApiError(431, "HEADERS_TOO_LARGE", "The request headers are larger than the server accepts", null, null);
            case 505 -> new ApiError(505, "HTTP_VERSION_NOT_SUPPORTED", "The HTTP version is not supported", null, null);
            default -> new ApiError(status, "HTTP_" + status, reason == null ? "HTTP " + status : reason, null, null);
        };
    }

    public static ApiError tooLarge(long maxBodyBytes) {
        return new ApiError(413, "PAYLOAD_TOO_LARGE",
                "The request body is larger than the limit of " + maxBodyBytes + " bytes", "body", "requestBody");
    }

    private static String because(String reason) {
        return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
    }
}
