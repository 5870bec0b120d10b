package dev.standin.provider.vendreo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.auth.Credentials;
import dev.standin.core.auth.Secrets;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.http.HttpServerFactory;
import dev.standin.core.http.JsonBody;
import dev.standin.core.provider.ProviderContext;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.rules.RuleEvent;
import dev.standin.core.scenario.Scenario;
import dev.standin.core.scenario.SeedCheck;
import dev.standin.core.store.Database;
import dev.standin.db.vendreo.Vendreo;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

/**
 * Vendreo's open-banking API under {@code /v1/} and the hosted pages a shopper goes through (bank
 * choice, the simulated bank, payment links, QR landings) on the same port. Applications come from
 * the scenarios; the card payments, bans and AIS of the next issue slot in beside {@link Payments}.
 */
public final class VendreoModule implements ProviderModule {
    public static final String NAME = "vendreo";
    /** A hosted page's path: it carries no credential, so a created sandbox's pages carry {@code ?sandbox=<id>}. */
    private static final Pattern CARD_PAGE = Pattern.compile("^/card/(?:form|3ds)/([^/]+)$");
    private static final Pattern PAGE = Pattern.compile("^/(?:payment|pay|dynamic-payment|ais|qr(?:/redirect)?|bank/[^/]+/authorise)/[^/]+(?:/.*)?$");

    private ProviderContext context;
    private Database database;
    private PaymentRepository repo;
    private VendreoApi api;
    private HostedPages pages;
    private Payments payments;
    private CardApi cards;
    private CardPages cardPages;
    private AisApi ais;
    private dev.standin.provider.vendreo.card.CardRepository cardRepo;
    /** Callback URLs changed through the control API, by application key (until a reset). */
    private CallbackUrls callbacks;
    private final ErrorRenderer errors = new VendreoErrors();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Vendreo";
    }

    @Override
    public int defaultPort() {
        return 8082;
    }

    @Override
    public String openApiDocument() {
        return "vendreo";
    }

    @Override
    public void init(ProviderContext context) {
        this.context = context;
        this.database = context.database();
        this.repo = new PaymentRepository(database.dsl());
        this.callbacks = new CallbackUrls(database, context.clock());
        Lifecycle lifecycle = new Lifecycle(repo, context.clock(), context.ids(), context.scheduler(), context.rules(), context.scenarios(),
                context.webhooks(), this::application);
        // payment ids repeat across sandboxes with the same seed, so a page names its sandbox, not its payment
        String pageQuery = context.sandbox().equals("default") ? "" : "?sandbox=" + context.sandbox();
        this.payments = new Payments(repo, lifecycle, context.clock(), context.ids(), pageQuery);
        this.api = new VendreoApi(payments, this::bySecret);
        this.pages = new HostedPages(repo, lifecycle, this::application, pageQuery);
        this.cardRepo = new dev.standin.provider.vendreo.card.CardRepository(database.dsl());
        var cardPayments = new dev.standin.provider.vendreo.card.CardPayments(cardRepo, context.clock(), context.ids(), context.rules(),
                context.scheduler(), context.scenarios(), lifecycle::send);
        var bans = new dev.standin.provider.vendreo.card.Bans(cardRepo, context.clock(), context.ids());
        this.cards = new CardApi(api, cardPayments, new dev.standin.provider.vendreo.card.CardOperations(cardRepo, cardPayments, context.ids()),
                bans, payments);
        this.cardPages = new CardPages(cardPayments, bans);
        this.ais = new AisApi(api, new dev.standin.provider.vendreo.ais.Consents(database.dsl(), context.clock(), context.ids(), context.scenarios()),
                payments, this::application, pageQuery);
    }

    @Override
    public EndpointGroup routes() {
        return () -> {
            post("/v1/request-payment", h(m -> m.api::requestPayment));
            post("/v1/create-subscription", h(m -> m.api::createSubscription));
            post("/v1/request-outgoing-payment", h(m -> m.api::requestOutgoing));
            post("/v1/request-a-payment", h(m -> m.api::requestAPayment));
            get("/v1/payments", h(m -> m.api::list));
            get("/v1/payment/{payment}", h(m -> m.api::payment));
            post("/v1/headless/setup", h(m -> m.api::headlessSetup));
            post("/v1/headless/request-payment", h(m -> m.api::headlessRequestPayment));
            get("/payment/{uuid}", h(m -> m.pages::choose));
            get("/pay/{uuid}", h(m -> m.pages::choose));
            get("/dynamic-payment/{uuid}", h(m -> m.pages::choose));
            post("/payment/{uuid}/bank", h(m -> m.pages::bank));
            post("/payment/{uuid}/cancel", h(m -> m.pages::cancel));
            get("/bank/{institution}/authorise/{uuid}", h(m -> m.pages::authorisePage));
            post("/bank/{institution}/authorise/{uuid}", h(m -> m.pages::authorise));
            get("/qr/{uuid}", h(m -> m.pages::qr));
            get("/qr/redirect/{uuid}", h(m -> m.pages::qr));
            get("/assets/banks/{file}", h(m -> m.pages::logo));
            post("/v1/ais/authorization", h(m -> m.ais::authorization));
            io.javalin.apibuilder.ApiBuilder.delete("/v1/ais/consent/{accountConsent}/cancel", h(m -> m.ais::cancel));
            get("/v1/ais/consent/{accountConsent}/details", h(m -> m.ais::details));
            get("/v1/ais/consent/{accountConsent}/identity", h(m -> m.ais::identity));
            get("/v1/ais/consent/{accountConsent}/bank-accounts", h(m -> m.ais::bankAccounts));
            get("/v1/ais/consent/{accountConsent}/institution", h(m -> m.ais::institution));
            get("/v1/ais/consent/{accountConsent}/bank-account/{bankAccount}/account", h(m -> m.ais::accountView));
            get("/v1/ais/consent/{accountConsent}/bank-account/{bankAccount}/transactions", h(m -> m.ais::transactions));
            get("/v1/ais/consent/{accountConsent}/bank-account/{bankAccount}/direct-debits", h(m -> m.ais::directDebits));
            get("/v1/ais/consent/{accountConsent}/bank-account/{bankAccount}/periodic-payments", h(m -> m.ais::periodicPayments));
            get("/v1/ais/consent/{accountConsent}/bank-account/{bankAccount}/scheduled-payments", h(m -> m.ais::scheduledPayments));
            get("/v1/ais/consent/{accountConsent}/bank-account/{bankAccount}/statements", h(m -> m.ais::statementList));
            get("/v1/ais/consent/{accountConsent}/bank-account/{bankAccount}/statement/{statementId}", h(m -> m.ais::statement));
            get("/ais/{uuid}", h(m -> m.ais::page));
            post("/ais/{uuid}", h(m -> m.ais::answer));
            get("/card/sdk.js", h(m -> m.cardPages::sdk));
            get("/card/form/{token}", h(m -> m.cardPages::form));
            post("/card/form/{token}", h(m -> m.cardPages::submit));
            get("/card/3ds/{token}", h(m -> m.cardPages::challengePage));
            post("/card/3ds/{token}", h(m -> m.cardPages::challenge));
            post("/v1/card/request-payment", h(m -> m.cards::requestPayment));
            get("/v1/card/payment/{paymentCard}/details", h(m -> m.cards::details));
            post("/v1/card/payment/{paymentCard}/capture", h(m -> m.cards::capture));
            io.javalin.apibuilder.ApiBuilder.delete("/v1/card/payment/{paymentCard}/refund", h(m -> m.cards::refund));
            io.javalin.apibuilder.ApiBuilder.delete("/v1/card/payment/{paymentCard}/cancel", h(m -> m.cards::cancel));
            io.javalin.apibuilder.ApiBuilder.delete("/v1/card/payment/{paymentCard}/void", h(m -> m.cards::voidPayment));
            post("/v1/card/token/{cardPaymentToken}/rebill", h(m -> m.cards::rebill));
            get("/v1/card/bans", h(m -> m.cards::listBans));
            post("/v1/card/bans/add", h(m -> m.cards::addBan));
            io.javalin.apibuilder.ApiBuilder.delete("/v1/card/bans/{ban}/remove", h(m -> m.cards::removeBan));
        };
    }

    /** {@code PUT /_sim/vendreo/applications/{key}} {@code {"callback_url"}}; {@code GET /_sim/vendreo/payments?application=}. */
    @Override
    public EndpointGroup controlRoutes() {
        return () -> {
            put("/applications/{key}", ctx -> {
                VendreoModule self = HttpServerFactory.module(ctx, NAME);
                String key = ctx.pathParam("key");
                Application app = self.application(key).orElseThrow(() -> ApiError.notFound("No application " + key));
                JsonNode body = JsonBody.lenientTree(ctx);
                String url = body.path("callback_url").asText(null);
                if (url == null || !url.matches("(?i)https?://\\S+")) {
                    throw ApiError.badBody("callback_url", "callback_url must be an http or https URL");
                }
                self.callbacks.set(key, url);
                ctx.json(Map.of("application_key", app.key(), "callback_url", url));
            });
            post("/card-payments/{token}/submit", h(m -> m.cards::submit));
            post("/card-payments/{token}/challenge", h(m -> m.cards::challenge));
            get("/payments", ctx -> {
                VendreoModule self = HttpServerFactory.module(ctx, NAME);
                List<Map<String, Object>> out = new ArrayList<>();
                for (Application app : self.applications()) {
                    String only = ctx.queryParam("application");
                    if (only == null || only.equals(app.key())) {
                        self.repo.all(app.key()).forEach(p -> {
                            Map<String, Object> m = self.payments.view(p);
                            m.put("application_key", p.getApplicationKey());
                            m.put("kind", p.getKind());
                            m.put("authorised", p.getAuthorised());
                            m.put("institution", p.getInstitution());
                            out.add(m);
                        });
                    }
                }
                ctx.json(Map.of("payments", out));
            });
        };
    }

    private static Handler h(Function<VendreoModule, Handler> handler) {
        return ctx -> handler.apply(HttpServerFactory.<VendreoModule>module(ctx, NAME)).handle(ctx);
    }

    private List<Application> applications() {
        Map<String, String> changedUrls = callbacks.all();
        return context.scenarios().declared(NAME, "applications", Application::of).stream().map(app -> {
            String changed = changedUrls.get(app.key());
            return changed == null ? app : app.withCallback(changed);
        }).toList();
    }

    Optional<Application> application(String key) {
        return applications().stream().filter(a -> a.key().equals(key)).findFirst();
    }

    private Optional<Application> bySecret(String secret) {
        return applications().stream().filter(a -> java.security.MessageDigest.isEqual(a.secretKey().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8))).findFirst();
    }

    /** The secret key (API calls), or a hosted page's {@code sandbox} query parameter: what names the sandbox. */
    @Override
    public String credential(Context ctx) {
        var secret = Credentials.bearer(ctx.header("Authorization"));
        if (secret.isPresent()) {
            return "secret:" + secret.get();
        }
        Matcher card = CARD_PAGE.matcher(ctx.path());
        if (card.matches()) {
            return "cardtoken:" + card.group(1);
        }
        String sandbox = ctx.queryParam("sandbox");
        return sandbox != null && PAGE.matcher(ctx.path()).matches() ? "sandbox:" + sandbox : null;
    }

    @Override
    public boolean owns(String credential) {
        if (credential.startsWith("secret:")) {
            return bySecret(credential.substring(7)).isPresent();
        }
        if (credential.startsWith("cardtoken:")) { // a card form's token is unguessable (SecureRandom), so unique across sandboxes
            return cardRepo.byToken(credential.substring(10)).isPresent();
        }
        return credential.equals("sandbox:" + context.sandbox());
    }

    @Override
    public String tenant(Context ctx) {
        return Credentials.bearer(ctx.header("Authorization")).flatMap(this::bySecret).map(Application::key).orElse(null);
    }

    /** A new sandbox's applications get new application and secret keys. */
    @Override
    public JsonNode freshCredentials(JsonNode seed) {
        JsonNode copy = seed.deepCopy();
        for (JsonNode a : copy.path("applications")) {
            ((ObjectNode) a).put("applicationKey", Secrets.uuid().toString()).put("secretKey", "vsk_" + Secrets.uuid().toString().replace("-", ""));
        }
        return copy;
    }

    @Override
    public ErrorRenderer errors() {
        return errors;
    }

    @Override
    public List<RuleEvent> ruleEvents() {
        return List.of(Lifecycle.BANK_DECIDE, Lifecycle.INSTALMENT_COLLECT, dev.standin.provider.vendreo.card.CardPayments.AUTHORISE_EVENT,
                dev.standin.provider.vendreo.card.CardPayments.CHALLENGE_EVENT);
    }

    @Override
    public SeedCheck seedCheck() {
        return SeedCheck.unique("applications", "applicationKey", "secretKey");
    }

    /** Applications are declarations, not rows; seeded card bans are rows, as if added through the API. */
    @Override
    public void seed(Scenario scenario, DSLContext tx) {
        for (JsonNode ban : scenario.seedFor(NAME).path("bans")) {
            tx.insertInto(dev.standin.db.vendreo.Tables.CARD_BAN).set(new dev.standin.db.vendreo.tables.records.CardBanRecord(
                    Long.parseLong("1" + context.ids().digits(8)), ban.path("applicationKey").asText(), ban.path("type").asText(),
                    ban.path("reference").asText(), ban.hasNonNull("expiresAt") ? java.time.Instant.parse(ban.get("expiresAt").asText()).toEpochMilli()
                    : null, context.clock().now().toEpochMilli())).execute();
        }
    }

    @Override
    public void clear() {
        database.truncate(Vendreo.VENDREO);
        callbacks.forgetCached();
    }

    @Override
    public void forgetCached() {
        callbacks.forgetCached();
    }

    @Override
    public Map<String, Object> credentials() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Application a : applications()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("applicationKey", a.key());
            m.put("secretKey", a.secretKey());
            m.put("name", a.name());
            m.put("callbackUrl", a.callbackUrl());
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applications", out);
        if (!out.isEmpty()) {
            body.put("applicationKey", out.getFirst().get("applicationKey"));
            body.put("secretKey", out.getFirst().get("secretKey"));
        }
        return body;
    }
}
