package dev.standin.provider.velo.payor;

import dev.standin.core.http.ApiError;
import dev.standin.provider.velo.Multipart;
import dev.standin.provider.velo.VeloPaths;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.auth.VeloPrincipal;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A payor's branding: {@code POST /v1/payors/{payorId}/branding/logos} (a multipart {@code logo}
 * image), {@code GET /v1/payors/{payorId}/branding}, whose {@code logoUrl} serves the logo back
 * without credentials (as a CDN would) at {@code /v1/branding/logos/{logoId}}; until one is
 * uploaded it names Standin's default logo.
 */
public final class BrandingHandler {
    /** The largest logo accepted (Standin's choice; the document states none). */
    public static final int MAX_LOGO_BYTES = 512 * 1024;
    static final List<String> IMAGE_TYPES = List.of("image/png", "image/jpeg", "image/gif", "image/svg+xml");
    public static final String LOGO_PATH = "/v1/branding/logos/";
    public static final String DEFAULT_LOGO = "default";

    private final AuthService auth;
    private final PayorService payors;

    public BrandingHandler(AuthService auth, PayorService payors) {
        this.auth = auth;
        this.payors = payors;
    }

    public void uploadLogo(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        UUID payorId = VeloPaths.uuid(ctx, "payorId");
        payors.get(caller, payorId);
        Multipart.Part logo = Multipart.part(ctx, "logo", "the logo image");
        String type = logo.contentType() == null ? "" : logo.contentType().toLowerCase(Locale.ROOT).split(";")[0].trim();
        if (!IMAGE_TYPES.contains(type)) {
            throw new ApiError(400, "INVALID_VALUE", "logo must be an image of type " + IMAGE_TYPES + ", was '" + type + "'",
                    "logo", "requestBody");
        }
        if (logo.bytes().length == 0 || logo.bytes().length > MAX_LOGO_BYTES) {
            throw new ApiError(400, "INVALID_VALUE", "logo must hold 1 to " + MAX_LOGO_BYTES + " bytes, held "
                    + logo.bytes().length, "logo", "requestBody");
        }
        payors.setLogo(caller, payorId, type, logo.bytes());
        ctx.status(204);
    }

    public void branding(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        Payor p = payors.get(caller, VeloPaths.uuid(ctx, "payorId"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payorName", p.payorName());
        out.put("logoUrl", ctx.scheme() + "://" + ctx.host() + LOGO_PATH + (p.logoId() == null ? DEFAULT_LOGO : p.logoId()));
        out.put("collectiveAlias", p.collectiveAlias());
        out.put("supportContact", p.supportContact());
        out.put("dbaName", p.dbaName());
        ctx.json(out);
    }

    /** The logo's bytes, to anyone holding its URL. */
    public void logo(Context ctx) {
        String logoId = ctx.pathParam("logoId");
        if (logoId.equals(DEFAULT_LOGO)) {
            ctx.contentType("image/svg+xml").result(defaultLogo());
            return;
        }
        PayorRepository.Logo logo = payors.logo(logoId)
                .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "Logo not found", "logoId", "pathParam"));
        ctx.contentType(logo.contentType()).result(logo.bytes());
    }

    private static byte[] defaultLogo() {
        try (InputStream in = BrandingHandler.class.getResourceAsStream("/velo/default-logo.svg")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
