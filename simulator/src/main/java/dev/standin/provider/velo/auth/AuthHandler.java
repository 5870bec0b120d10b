package dev.standin.provider.velo.auth;

import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /v1/authenticate?grant_type=client_credentials}. */
public final class AuthHandler {
    private final AuthService auth;

    public AuthHandler(AuthService auth) {
        this.auth = auth;
    }

    public void authenticate(Context ctx) {
        AuthService.IssuedToken token = auth.authenticate(ctx.queryParam("grant_type"), ctx.header("Authorization"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.accessToken());
        body.put("token_type", "bearer");
        body.put("expires_in", token.expiresIn());
        body.put("scope", token.scope());
        ctx.header("Cache-Control", "no-store").header("Pragma", "no-cache").json(body);
    }
}
