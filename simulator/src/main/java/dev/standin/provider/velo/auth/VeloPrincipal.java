package dev.standin.provider.velo.auth;

import dev.standin.core.http.ApiError;

import java.util.List;
import java.util.UUID;

/** Who a Velo access token speaks for: the payor (the tenant) and the API key's roles. */
public record VeloPrincipal(UUID payorId, String apiKey, List<String> roles) {

    /**
     * A payorId the caller sent (in a body, query or path: {@code locationType}) must be its own;
     * another payor's answers 404, exactly as an unknown one. Null is allowed when {@code optional}.
     */
    public void requireOwn(String payorId, String locationType, boolean optional) {
        if (payorId == null && optional) {
            return;
        }
        if (payorId == null || !payorId.equalsIgnoreCase(this.payorId.toString())) {
            throw new ApiError(404, "NOT_FOUND", "Payor not found", "payorId", locationType);
        }
    }
}
