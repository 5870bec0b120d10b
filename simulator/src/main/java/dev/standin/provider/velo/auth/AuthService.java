package dev.standin.provider.velo.auth;

import dev.standin.core.auth.Secrets;

import dev.standin.core.auth.Credentials;
import dev.standin.core.auth.TokenStore;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Optional;

/** Velo's OAuth2 client-credentials flow: API key and secret in, a bearer token valid 1799 s out. */
public final class AuthService {
    public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(1799);

    /** An issued token as the authenticate response shows it. */
    public record IssuedToken(String accessToken, long expiresIn, String scope) {
    }

    private final ApiKeyRepository keys;
    private final IdGenerator ids;
    private final TokenStore<VeloPrincipal> tokens;

    public AuthService(ApiKeyRepository keys, IdGenerator ids, VirtualClock clock, dev.standin.core.store.Database database) {
        this.keys = keys;
        this.ids = ids;
        this.tokens = new TokenStore<>(clock, TOKEN_LIFETIME, 100_000, database, "velo", VeloPrincipal.class);
    }

    public IssuedToken authenticate(String grantType, String authorization) {
        if (grantType == null || grantType.isBlank()) {
            throw unauthorized("invalid_request", "Missing grant type: send grant_type=client_credentials");
        }
        if (!grantType.equals("client_credentials")) {
            throw unauthorized("unsupported_grant_type", "Unsupported grant type: " + grantType);
        }
        Credentials.Basic basic = Credentials.basic(authorization)
                .orElseThrow(() -> unauthorized("unauthorized", "Full authentication is required: send Basic base64(apiKey:apiSecret)"));
        VeloPrincipal principal = keys.findPrincipal(basic.user(), basic.password())
                .orElseThrow(() -> unauthorized("unauthorized", "Bad credentials"));
        String token = Secrets.uuid().toString(); // unguessable, never from the seeded ids
        tokens.put(token, principal);
        return new IssuedToken(token, TOKEN_LIFETIME.toSeconds(), String.join(" ", principal.roles()));
    }

    /** The caller behind the request's bearer token; 401 invalid_token when missing, unknown or expired. */
    public VeloPrincipal require(Context ctx) {
        Optional<String> bearer = Credentials.bearer(ctx.header("Authorization"));
        if (bearer.isEmpty()) {
            throw unauthorized("invalid_token", "Full authentication is required to access this resource");
        }
        return tokens.find(bearer.get())
                .orElseThrow(() -> unauthorized("invalid_token", "Invalid or expired access token"));
    }

    /** The payor a request speaks for (bearer token or Basic key), or null; never throws. */
    public String tenantOf(Context ctx) {
        String authorization = ctx.header("Authorization");
        Optional<String> bearer = Credentials.bearer(authorization);
        if (bearer.isPresent()) {
            return tokens.find(bearer.get()).map(p -> p.payorId().toString()).orElse(null);
        }
        return Credentials.basic(authorization).flatMap(b -> keys.findPrincipal(b.user(), b.password()))
                .map(p -> p.payorId().toString()).orElse(null);
    }

    /** Whether {@code token} is a live token this instance issued. */
    public boolean knows(String token) {
        return tokens.find(token).isPresent();
    }

    public long tokenCount() {
        return tokens.size();
    }

    public void clear() {
        tokens.clear();
    }

    /** Forgets the tokens this instance knows (another instance reset; the stored ones stay the truth). */
    public void forgetCached() {
        tokens.forgetCached();
    }

    private static ApiError unauthorized(String error, String description) {
        return new ApiError(401, error, description, null, null);
    }
}
