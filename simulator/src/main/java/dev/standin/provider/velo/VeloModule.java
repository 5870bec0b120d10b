package dev.standin.provider.velo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.provider.ProviderContext;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.scenario.Scenario;
import dev.standin.core.scenario.SeedCheck;
import dev.standin.core.store.Database;
import dev.standin.db.velo.Velo;
import dev.standin.provider.velo.auth.ApiKeyRepository;
import dev.standin.provider.velo.auth.AuthHandler;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.payor.ApplicationRepository;
import dev.standin.provider.velo.payor.PayorHandler;
import dev.standin.provider.velo.payor.PayorRepository;
import dev.standin.provider.velo.payor.PayorService;
import io.javalin.apibuilder.EndpointGroup;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

/** Velo Payments: payors, payees, funding, payouts and payment audit, on port 8081. */
public final class VeloModule implements ProviderModule {
    public static final String NAME = "velo";

    private ProviderContext context;
    private Database database;
    private ApiKeyRepository keys;
    private PayorRepository payors;
    private AuthService auth;
    private AuthHandler authHandler;
    private PayorHandler payorHandler;
    private ErrorRenderer errors;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8081;
    }

    @Override
    public void init(ProviderContext context) {
        this.context = context;
        this.database = context.database();
        DSLContext dsl = database.dsl();
        this.keys = new ApiKeyRepository(dsl);
        this.payors = new PayorRepository(dsl);
        this.auth = new AuthService(keys, context.ids(), context.clock());
        this.authHandler = new AuthHandler(auth);
        this.payorHandler = new PayorHandler(auth,
                new PayorService(payors, new ApplicationRepository(dsl), keys, context.ids()));
        this.errors = new VeloErrors(context.ids());
    }

    @Override
    public EndpointGroup routes() {
        return () -> {
            post("/v1/authenticate", authHandler::authenticate);
            path("/v1/payors/{payorId}", () -> {
                get(payorHandler::get);
                post("payorFundingBankDetailsUpdate", payorHandler::updateFundingDetails);
                post("applications", payorHandler::createApplication);
                post("applications/{applicationId}/keys", payorHandler::createKey);
            });
        };
    }

    @Override
    public ErrorRenderer errors() {
        return errors;
    }

    @Override
    public SeedCheck seedCheck() {
        return new VeloSeedCheck();
    }

    @Override
    public void seed(Scenario scenario, DSLContext tx) {
        for (JsonNode payor : scenario.seedFor(NAME).path("payors")) {
            payors.insertSeed(tx, payor);
            UUID payorId = UUID.fromString(payor.get("payorId").asText());
            for (JsonNode key : payor.path("apiKeys")) {
                List<String> roles = new ArrayList<>();
                key.path("roles").forEach(r -> roles.add(r.asText()));
                if (roles.isEmpty()) {
                    roles.add("payor.admin");
                }
                keys.insert(tx, key.get("apiKey").asText(), key.get("apiSecret").asText(), payorId, null,
                        key.path("name").asText("seeded key"), null, roles);
            }
        }
    }

    @Override
    public void clear() {
        database.truncate(Velo.VELO);
        payors.forgetCached();
        auth.clear();
    }

    @Override
    public Map<String, Object> credentials() {
        for (JsonNode seed : context.scenarios().seedsFor(NAME)) {
            for (JsonNode payor : seed.path("payors")) {
                JsonNode key = payor.path("apiKeys").path(0);
                if (!key.isMissingNode()) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("payorId", payor.get("payorId").asText());
                    out.put("apiKey", key.get("apiKey").asText());
                    out.put("apiSecret", key.get("apiSecret").asText());
                    return out;
                }
            }
        }
        return Map.of();
    }
}
