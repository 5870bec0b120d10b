package dev.standin.provider.velo.auth;

import java.util.List;
import java.util.UUID;

/** Who a Velo access token speaks for: the payor (the tenant) and the API key's roles. */
public record VeloPrincipal(UUID payorId, String apiKey, List<String> roles) {
}
