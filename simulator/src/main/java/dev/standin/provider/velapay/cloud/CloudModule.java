package dev.standin.provider.velapay.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.auth.Secrets;
import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.http.HttpServerFactory;
import dev.standin.core.provider.ProviderContext;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.rules.RuleEvent;
import dev.standin.core.scenario.Scenario;
import dev.standin.core.scenario.SeedCheck;
import dev.standin.core.store.Database;
import dev.standin.db.velapay_cloud.VelapayCloud;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

/**
 * VelaPay's Cloud Payment API: card-not-present sale, auth, capture, void, return, token and delete,
 * all as signed POSTs to {@code /v1/}. Merchants (API key and secret) come from the scenarios.
 */
public final class CloudModule implements ProviderModule {
    public static final String NAME = "velapayCloud";

    private ProviderContext context;
    private Database database;
    private TransactionRepository txns;
    private CloudHandler handler;
    private ErrorRenderer errors;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "VelaPay Cloud Payment API";
    }

    @Override
    public int defaultPort() {
        return 8084;
    }

    @Override
    public String controlPath() {
        return "velapay-cloud";
    }

    /** The document shows no null anywhere: an absent value is left out (an invoiceNumber never sent, for one). */
    @Override
    public com.fasterxml.jackson.databind.ObjectMapper json() {
        return dev.standin.core.json.Json.withoutNulls();
    }

    @Override
    public String openApiDocument() {
        return "velapay-cloud";
    }

    @Override
    public void init(ProviderContext context) {
        this.context = context;
        this.database = context.database();
        this.txns = new TransactionRepository(database.dsl());
        CloudPayments payments = new CloudPayments(txns, context.clock(), context.ids(), context.events(NAME));
        this.handler = new CloudHandler(new CloudAuth(context.clock(), this::merchantByKey), payments);
        this.errors = new CloudErrors(context.clock());
    }

    /** {@code POST /v1/} and {@code POST /v1} (trailing slashes are ignored). */
    @Override
    public EndpointGroup routes() {
        return () -> post("/v1", h(m -> m.handler::handle));
    }

    private static Handler h(Function<CloudModule, Handler> handler) {
        return ctx -> handler.apply(HttpServerFactory.<CloudModule>module(ctx, NAME)).handle(ctx);
    }

    /** {@code GET /_sim/velapay-cloud/transactions?merchant=&type=&status=&reference=&limit=}. */
    @Override
    public EndpointGroup controlRoutes() {
        return () -> get("/transactions", ctx -> {
            CloudModule self = HttpServerFactory.module(ctx, NAME);
            int limit = Math.max(1, Math.min(1000, ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100)));
            String type = ctx.queryParam("type");
            String status = ctx.queryParam("status");
            List<Map<String, Object>> out = new ArrayList<>();
            self.txns.list(ctx.queryParam("merchant"), type == null ? null : type.toUpperCase(java.util.Locale.ROOT),
                    status == null ? null : status.toUpperCase(java.util.Locale.ROOT), ctx.queryParam("reference"), limit).forEach(t -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("merchantId", t.getMerchantId());
                m.put("referenceNumber", t.getReferenceNumber());
                m.put("transactionType", t.getTransactionType());
                m.put("paymentStatus", t.getPaymentStatus());
                m.put("message", t.getMessage());
                m.put("amount", CloudResponse.money(t.getAmount()));
                m.put("amountRequested", CloudResponse.money(t.getAmountRequested()));
                m.put("captured", CloudResponse.money(t.getCaptured()));
                m.put("returned", CloudResponse.money(t.getReturned()));
                m.put("voided", t.getVoided());
                m.put("deleted", t.getDeleted());
                m.put("originalReference", t.getOriginalReference());
                m.put("cardType", t.getCardBrand());
                m.put("last4", t.getLast4());
                m.put("token", t.getToken());
                m.put("createdAt", java.time.Instant.ofEpochMilli(t.getCreated()).toString());
                out.add(m);
            });
            ctx.json(Map.of("transactions", out));
        });
    }

    private List<Merchant> merchants() {
        return context.scenarios().declared(NAME, "merchants", Merchant::of);
    }

    private Optional<Merchant> merchantByKey(String apiKey) {
        return merchants().stream().filter(m -> m.apiKey().equals(apiKey)).findFirst();
    }

    /** The API key names the merchant, and so the sandbox. */
    @Override
    public String credential(Context ctx) {
        String key = ctx.header("X-API-Key");
        return key == null || key.isBlank() ? null : key.trim();
    }

    @Override
    public boolean owns(String credential) {
        return merchantByKey(credential).isPresent();
    }

    @Override
    public String tenant(Context ctx) {
        String key = credential(ctx);
        return key == null ? null : merchantByKey(key).map(Merchant::id).orElse(null);
    }

    /** A new sandbox's merchants get new API keys and secrets. */
    @Override
    public JsonNode freshCredentials(JsonNode seed) {
        JsonNode copy = seed.deepCopy();
        for (JsonNode m : copy.path("merchants")) {
            ((ObjectNode) m).put("apiKey", "vpk_" + Secrets.uuid().toString().replace("-", ""))
                    .put("apiSecret", "vps_" + Secrets.uuid().toString().replace("-", ""));
        }
        return copy;
    }

    @Override
    public ErrorRenderer errors() {
        return errors;
    }

    @Override
    public List<RuleEvent> ruleEvents() {
        return List.of(Outcomes.PROCESS_EVENT);
    }

    @Override
    public SeedCheck seedCheck() {
        return SeedCheck.unique("merchants", "merchantId", "apiKey");
    }

    /** Merchants are declarations, not rows: nothing to insert. */
    @Override
    public void seed(Scenario scenario, DSLContext tx) {
    }

    @Override
    public void clear() {
        database.truncate(VelapayCloud.VELAPAY_CLOUD);
    }

    @Override
    public Map<String, Object> stats() {
        return Map.of("transactions", txns.count());
    }

    @Override
    public Map<String, Object> credentials() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Merchant m : merchants()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("merchantId", m.id());
            c.put("apiKey", m.apiKey());
            c.put("apiSecret", m.apiSecret());
            out.add(c);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("baseUrl", "/v1/");
        body.put("merchants", out);
        if (!out.isEmpty()) { // the first merchant's, for the common one-merchant case
            body.put("apiKey", out.getFirst().get("apiKey"));
            body.put("apiSecret", out.getFirst().get("apiSecret"));
        }
        return body;
    }
}
