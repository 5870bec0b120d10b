package dev.standin.provider.velo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.provider.ProviderContext;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.rules.RuleEvent;
import dev.standin.core.scenario.Scenario;
import dev.standin.core.scenario.SeedCheck;
import dev.standin.core.store.Database;
import dev.standin.db.velo.Velo;
import dev.standin.provider.velo.audit.AuditHandler;
import dev.standin.provider.velo.audit.TransactionsExport;
import dev.standin.provider.velo.audit.AuditViews.Version;
import dev.standin.provider.velo.audit.AuditRepository;
import dev.standin.provider.velo.auth.ApiKeyRepository;
import dev.standin.provider.velo.auth.AuthHandler;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.funding.FundingRepository;
import dev.standin.provider.velo.funding.FundingService;
import dev.standin.provider.velo.funding.LowBalanceNotices;
import dev.standin.provider.velo.funding.SourceAccountHandler;
import dev.standin.provider.velo.funding.SourceAccountRepository;
import dev.standin.provider.velo.invite.InvitationHandler;
import dev.standin.provider.velo.invite.InviteHandler;
import dev.standin.provider.velo.invite.InviteRepository;
import dev.standin.provider.velo.invite.InviteService;
import dev.standin.provider.velo.payee.PayeeBatchRepository;
import dev.standin.provider.velo.payee.PayeeHandler;
import dev.standin.provider.velo.payee.PayeeRepository;
import dev.standin.provider.velo.payee.PayeeSeeder;
import dev.standin.provider.velo.payee.PayeeService;
import dev.standin.provider.velo.payor.ApplicationRepository;
import dev.standin.provider.velo.payout.PayoutHandler;
import dev.standin.provider.velo.payout.PayoutRepository;
import dev.standin.provider.velo.payout.PayoutService;
import dev.standin.provider.velo.reference.ReferenceHandler;
import dev.standin.provider.velo.payor.BrandingHandler;
import dev.standin.provider.velo.payor.Payor;
import dev.standin.provider.velo.payor.PayorHandler;
import dev.standin.provider.velo.payor.PayorRepository;
import dev.standin.provider.velo.payor.PayorService;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Handler;
import dev.standin.core.http.HttpServerFactory;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static io.javalin.apibuilder.ApiBuilder.delete;
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
    private BrandingHandler brandingHandler;
    private InvitationHandler invitationHandler;
    private PayeeRepository payees;
    private PayeeService payeeService;
    private PayeeHandler payeeHandler;
    private SourceAccountRepository sourceAccounts;
    private FundingService funding;
    private SourceAccountHandler sourceAccountHandler;
    private PayoutService payoutService;
    private PayoutHandler payoutHandler;
    private ReferenceHandler referenceHandler;
    private AuditHandler auditHandler;
    private TransactionsExport transactionsExport;
    private InviteRepository invites;
    private InviteService inviteService;
    private InviteHandler inviteHandler;
    private VeloControl control;
    private ErrorRenderer errors = VeloErrors.STARTING;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Velo Payments";
    }

    @Override
    public int defaultPort() {
        return 8081;
    }

    /** Velo's document types its fields as non-nullable: an absent value is left out, never sent as null. */
    @Override
    public com.fasterxml.jackson.databind.ObjectMapper json() {
        return dev.standin.core.json.Json.withoutNulls();
    }

    @Override
    public String openApiDocument() {
        return "velo";
    }

    @Override
    public void init(ProviderContext context) {
        this.context = context;
        this.database = context.database();
        DSLContext dsl = database.dsl();
        this.keys = new ApiKeyRepository(dsl);
        this.payors = new PayorRepository(database, context.clock()::dataVersion);
        this.auth = new AuthService(keys, context.ids(), context.clock(), context.database());
        this.authHandler = new AuthHandler(auth);
        PayorService payorService = new PayorService(payors, new ApplicationRepository(dsl), keys, context.ids());
        this.payorHandler = new PayorHandler(auth, payorService);
        this.brandingHandler = new BrandingHandler(auth, payorService);
        VeloEvents events = new VeloEvents(context.rules(), context.scheduler());
        this.payees = new PayeeRepository(database, context.clock());
        this.invites = new InviteRepository(dsl);
        this.inviteService = new InviteService(invites, payees, context.ids(), dsl);
        this.inviteHandler = new InviteHandler(inviteService);
        this.invitationHandler = new InvitationHandler(auth, inviteService, payees, payors);
        this.payeeService = new PayeeService(payees, new PayeeBatchRepository(dsl), invites, dsl,
                context.clock(), context.scheduler(), context.ids(), context.scenarios(), events);
        this.payeeHandler = new PayeeHandler(auth, payeeService);
        this.sourceAccounts = new SourceAccountRepository(dsl);
        this.funding = new FundingService(sourceAccounts, new FundingRepository(dsl), dsl,
                context.clock(), context.scheduler(), context.ids(), context.scenarios(), events);
        LowBalanceNotices notices = new LowBalanceNotices(sourceAccounts,
                payorId -> payors.find(payorId).map(Payor::notificationUrl), context.webhooks(), context.clock());
        this.sourceAccountHandler = new SourceAccountHandler(auth, funding, notices);
        PayoutRepository payouts = new PayoutRepository(dsl);
        this.payoutService = new PayoutService(payouts, payees, sourceAccounts, dsl,
                context.clock(), context.scheduler(), context.ids(), context.scenarios(), events);
        this.funding.onCredited(payoutService::fundsArrived);
        this.payoutService.onBalanceChanged(notices::check);
        this.payoutHandler = new PayoutHandler(auth, payoutService);
        this.referenceHandler = new ReferenceHandler(auth);
        AuditRepository audit = new AuditRepository(dsl, payouts);
        this.auditHandler = new AuditHandler(auth, audit, context.clock());
        this.transactionsExport = new TransactionsExport(auth, audit);
        this.control = new VeloControl(payeeService, payoutService, inviteService);
        this.errors = new VeloErrors(context.ids());
    }

    @Override
    public EndpointGroup routes() {
        return () -> {
            post("/v1/authenticate", h(m -> m.authHandler::authenticate));
            path("/v1/payors/{payorId}", () -> {
                get(h(m -> m.payorHandler::get));
                post("payorFundingBankDetailsUpdate", h(m -> m.payorHandler::updateFundingDetails));
                post("applications", h(m -> m.payorHandler::createApplication));
                post("applications/{applicationId}/keys", h(m -> m.payorHandler::createKey));
                post("reminderEmailsUpdate", h(m -> m.payorHandler::updateReminderEmails));
                post("branding/logos", h(m -> m.brandingHandler::uploadLogo));
                get("branding", h(m -> m.brandingHandler::branding));
            });
            get("/v2/payors/{payorId}", h(m -> m.payorHandler::getV2));
            get("/v1/payorLinks", h(m -> m.payorHandler::links));
            get(BrandingHandler.LOGO_PATH + "{logoId}", h(m -> m.brandingHandler::logo));
            get("/v1/payees", h(m -> m.payeeHandler::list));
            get("/v1/payees/{payeeId}", h(m -> m.payeeHandler::get));
            delete("/v1/payees/{payeeId}", h(m -> m.payeeHandler::delete));
            post("/v1/payees/{payeeId}/invite", h(m -> m.invitationHandler::resend));
            get("/v1/payees/payors/{payorId}/invitationStatus", h(m -> m.invitationHandler::statusesV1));
            get("/v2/payees/payors/{payorId}/invitationStatus", h(m -> m.invitationHandler::statusesV2));
            get("/v1/deltas/payees", h(m -> m.payeeHandler::deltas));
            post("/v2/payees", h(m -> m.payeeHandler::create));
            get("/v2/payees/batch/{batchId}", h(m -> m.payeeHandler::batch));
            get("/v1/sourceAccounts", h(m -> m.sourceAccountHandler::list));
            get("/v1/sourceAccounts/{sourceAccountId}", h(m -> m.sourceAccountHandler::get));
            post("/v1/sourceAccounts/{sourceAccountId}/achFundingRequest", h(m -> m.sourceAccountHandler::requestAch));
            post("/v1/sourceAccounts/{sourceAccountId}/notifications", h(m -> m.sourceAccountHandler::setNotifications));
            get("/v2/sourceAccounts", h(m -> m.sourceAccountHandler::listV2));
            get("/v2/sourceAccounts/{sourceAccountId}", h(m -> m.sourceAccountHandler::getV2));
            post("/v2/sourceAccounts/{sourceAccountId}/fundingRequest", h(m -> m.sourceAccountHandler::requestAch));
            post("/v3/payouts", h(m -> m.payoutHandler::submit));
            path("/v3/payouts/{payoutId}", () -> {
                get(h(m -> m.payoutHandler::get));
                post(h(m -> m.payoutHandler::instruct));
                delete(h(m -> m.payoutHandler::withdraw));
                post("quote", h(m -> m.payoutHandler::quote));
            });
            for (Version version : List.of(Version.V3, Version.V4)) {
                String audit = "/" + version.name().toLowerCase(java.util.Locale.ROOT) + "/paymentaudit";
                get(audit + "/payouts", h(m -> m.auditHandler.payouts(version)));
                get(audit + "/payouts/{payoutId}", h(m -> m.auditHandler.payoutPayments(version)));
                get(audit + "/payments", h(m -> m.auditHandler.payments(version == Version.V4 ? Version.V4_LIST : version)));
                get(audit + "/payments/{paymentId}", h(m -> m.auditHandler.payment(version)));
            }
            get("/v4/paymentaudit/transactions", h(m -> m.transactionsExport::export));
            get("/v1/paymentaudit/payoutStatistics", h(m -> m.auditHandler::statistics));
            get("/v1/paymentaudit/fundings", h(m -> m.auditHandler::fundings));
            path("/v1/invites/{inviteId}", () -> {
                get(h(m -> m.inviteHandler::validate));
                post(h(m -> m.inviteHandler::setPassword));
                post("smsTokens", h(m -> m.inviteHandler::sendSmsToken));
                post("smsTokens/validate", h(m -> m.inviteHandler::validateSmsToken));
                post("passwords/validate", h(m -> m.inviteHandler::validatePassword));
                post("optionsUpdate", h(m -> m.inviteHandler::updateOptions));
            });
            get("/v1/supportedCountries", h(m -> m.referenceHandler::countries));
            get("/v2/currencies", h(m -> m.referenceHandler::currencies));
            get("/v1/paymentChannelRules", h(m -> m.referenceHandler::paymentChannelRules));
        };
    }

    @Override
    public EndpointGroup controlRoutes() {
        return () -> {
            get("/payees/{payeeId}", h(m -> m.control::payee));
            post("/payees/{payeeId}", h(m -> m.control::setPayeeStates));
            get("/payouts/{payoutId}", h(m -> m.control::payout));
            get("/invites/{inviteId}", h(m -> m.control::invite));
            post("/payments/{paymentId}/fail", h(m -> m.control::failPayment));
        };
    }

    /**
     * A route handler that runs on the Velo instance of the request's sandbox (the routes are
     * registered once per port; each sandbox has its own instance with its own services and state).
     */
    private static Handler h(Function<VeloModule, Handler> handler) {
        return ctx -> handler.apply(HttpServerFactory.<VeloModule>module(ctx, NAME)).handle(ctx);
    }

    /** A Basic API key, a bearer token or an invite id: what tells which sandbox a Velo request belongs to. */
    @Override
    public String credential(io.javalin.http.Context ctx) {
        String authorization = ctx.header("Authorization");
        var basic = dev.standin.core.auth.Credentials.basic(authorization);
        if (basic.isPresent()) {
            return "key:" + basic.get().user();
        }
        var bearer = dev.standin.core.auth.Credentials.bearer(authorization);
        if (bearer.isPresent()) {
            return "token:" + bearer.get();
        }
        String path = ctx.path();
        if (path.startsWith(BrandingHandler.LOGO_PATH)) {
            return "logo:" + path.substring(BrandingHandler.LOGO_PATH.length());
        }
        if (path.startsWith("/v1/invites/")) {
            String rest = path.substring("/v1/invites/".length());
            int slash = rest.indexOf('/');
            return "invite:" + (slash < 0 ? rest : rest.substring(0, slash));
        }
        return null;
    }

    @Override
    public boolean owns(String credential) {
        if (credential.startsWith("key:")) {
            return keys.exists(credential.substring(4));
        }
        if (credential.startsWith("token:")) {
            return auth.knows(credential.substring(6));
        }
        if (credential.startsWith("logo:")) {
            return payors.hasLogo(credential.substring(5));
        }
        if (credential.startsWith("invite:")) {
            try {
                return invites.exists(UUID.fromString(credential.substring(7)));
            } catch (IllegalArgumentException notAnId) {
                return false;
            }
        }
        return false;
    }

    /** Every seeded API key gets a new random key and secret: a sandbox's credentials are its own. */
    @Override
    public JsonNode freshCredentials(JsonNode seed) {
        JsonNode copy = seed.deepCopy();
        for (JsonNode payor : copy.path("payors")) {
            for (JsonNode key : payor.path("apiKeys")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) key).put("apiKey", dev.standin.core.auth.Secrets.uuid().toString())
                        .put("apiSecret", dev.standin.core.auth.Secrets.uuid().toString());
            }
        }
        return copy;
    }

    @Override
    public String tenant(io.javalin.http.Context ctx) {
        return auth.tenantOf(ctx);
    }

    @Override
    public ErrorRenderer errors() {
        return errors;
    }

    @Override
    public List<RuleEvent> ruleEvents() {
        return VeloEvents.CATALOGUE;
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
            for (JsonNode account : payor.path("sourceAccounts")) {
                sourceAccounts.insertSeed(tx, payorId, account);
            }
            for (JsonNode payee : payor.path("payees")) {
                PayeeSeeder.insert(tx, payees, invites, payorId, payee, context.clock().now());
            }
        }
    }

    @Override
    public void clear() {
        database.truncate(Velo.VELO);
        payors.forgetCached();
        payees.forgetCached();
        auth.clear();
    }

    @Override
    public void forgetCached() {
        payors.forgetCached();
        payees.forgetCached();
        auth.forgetCached();
    }

    @Override
    public Map<String, Object> stats() {
        return Map.of("accessTokens", auth.tokenCount());
    }

    /**
     * Every seeded payor with every API key, under {@code payors}; the first payor's first key also
     * at the top level ({@code payorId}, {@code apiKey}, {@code apiSecret}), where clients found it before.
     */
    @Override
    public Map<String, Object> credentials() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> payorList = new ArrayList<>();
        for (JsonNode seed : context.scenarios().seedsFor(NAME)) {
            for (JsonNode payor : seed.path("payors")) {
                List<Map<String, Object>> keyList = new ArrayList<>();
                for (JsonNode key : payor.path("apiKeys")) {
                    Map<String, Object> k = new LinkedHashMap<>();
                    k.put("apiKey", key.path("apiKey").asText());
                    k.put("apiSecret", key.path("apiSecret").asText());
                    List<String> roles = new ArrayList<>();
                    key.path("roles").forEach(r -> roles.add(r.asText()));
                    k.put("roles", roles);
                    keyList.add(k);
                    if (!out.containsKey("apiKey")) {
                        out.put("payorId", payor.path("payorId").asText());
                        out.put("apiKey", k.get("apiKey"));
                        out.put("apiSecret", k.get("apiSecret"));
                    }
                }
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("payorId", payor.path("payorId").asText());
                p.put("payorName", payor.path("payorName").asText(null));
                p.put("apiKeys", keyList);
                payorList.add(p);
            }
        }
        out.put("payors", payorList);
        return out;
    }
}
