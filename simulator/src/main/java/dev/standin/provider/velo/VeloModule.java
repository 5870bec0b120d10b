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
import dev.standin.provider.velo.audit.AuditRepository;
import dev.standin.provider.velo.auth.ApiKeyRepository;
import dev.standin.provider.velo.auth.AuthHandler;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.funding.FundingRepository;
import dev.standin.provider.velo.funding.FundingService;
import dev.standin.provider.velo.funding.SourceAccountHandler;
import dev.standin.provider.velo.funding.SourceAccountRepository;
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
    private InviteRepository invites;
    private InviteService inviteService;
    private InviteHandler inviteHandler;
    private VeloControl control;
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
        VeloEvents events = new VeloEvents(context.rules(), context.scheduler());
        this.payees = new PayeeRepository(dsl);
        this.invites = new InviteRepository(dsl);
        this.inviteService = new InviteService(invites, payees, context.ids());
        this.inviteHandler = new InviteHandler(inviteService);
        this.payeeService = new PayeeService(payees, new PayeeBatchRepository(dsl), invites, dsl,
                context.clock(), context.scheduler(), context.ids(), context.scenarios(), events);
        this.payeeHandler = new PayeeHandler(auth, payeeService);
        this.sourceAccounts = new SourceAccountRepository(dsl);
        this.funding = new FundingService(sourceAccounts, new FundingRepository(dsl), dsl,
                context.clock(), context.scheduler(), context.ids(), context.scenarios(), events);
        this.sourceAccountHandler = new SourceAccountHandler(auth, funding);
        PayoutRepository payouts = new PayoutRepository(dsl);
        this.payoutService = new PayoutService(payouts, payees, sourceAccounts, dsl,
                context.clock(), context.scheduler(), context.ids(), context.scenarios(), events);
        this.funding.onCredited(payoutService::fundsArrived);
        this.payoutHandler = new PayoutHandler(auth, payoutService);
        this.referenceHandler = new ReferenceHandler(auth);
        this.auditHandler = new AuditHandler(auth, new AuditRepository(dsl, payouts), context.clock());
        this.control = new VeloControl(payeeService, payoutService, inviteService);
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
            get("/v1/payees", payeeHandler::list);
            get("/v1/payees/{payeeId}", payeeHandler::get);
            post("/v2/payees", payeeHandler::create);
            get("/v2/payees/batch/{batchId}", payeeHandler::batch);
            get("/v1/sourceAccounts", sourceAccountHandler::list);
            get("/v1/sourceAccounts/{sourceAccountId}", sourceAccountHandler::get);
            post("/v1/sourceAccounts/{sourceAccountId}/achFundingRequest", sourceAccountHandler::requestAch);
            post("/v3/payouts", payoutHandler::submit);
            path("/v3/payouts/{payoutId}", () -> {
                get(payoutHandler::get);
                post(payoutHandler::instruct);
                delete(payoutHandler::withdraw);
                post("quote", payoutHandler::quote);
            });
            get("/v3/paymentaudit/payouts", auditHandler::payouts);
            get("/v3/paymentaudit/payouts/{payoutId}", auditHandler::payoutPayments);
            get("/v3/paymentaudit/payments", auditHandler::payments);
            get("/v3/paymentaudit/payments/{paymentId}", auditHandler::payment);
            get("/v1/paymentaudit/payoutStatistics", auditHandler::statistics);
            get("/v1/paymentaudit/fundings", auditHandler::fundings);
            path("/v1/invites/{inviteId}", () -> {
                get(inviteHandler::validate);
                post(inviteHandler::setPassword);
                post("smsTokens", inviteHandler::sendSmsToken);
                post("smsTokens/validate", inviteHandler::validateSmsToken);
                post("passwords/validate", inviteHandler::validatePassword);
                post("optionsUpdate", inviteHandler::updateOptions);
            });
            get("/v1/supportedCountries", referenceHandler::countries);
            get("/v2/currencies", referenceHandler::currencies);
            get("/v1/paymentChannelRules", referenceHandler::paymentChannelRules);
        };
    }

    @Override
    public EndpointGroup controlRoutes() {
        return () -> {
            get("/payees/{payeeId}", control::payee);
            post("/payees/{payeeId}", control::setPayeeStates);
            get("/payouts/{payoutId}", control::payout);
            get("/invites/{inviteId}", control::invite);
            post("/payments/{paymentId}/fail", control::failPayment);
        };
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
        java.util.List<Map<String, Object>> payorList = new java.util.ArrayList<>();
        for (JsonNode seed : context.scenarios().seedsFor(NAME)) {
            for (JsonNode payor : seed.path("payors")) {
                java.util.List<Map<String, Object>> keyList = new java.util.ArrayList<>();
                for (JsonNode key : payor.path("apiKeys")) {
                    Map<String, Object> k = new LinkedHashMap<>();
                    k.put("apiKey", key.path("apiKey").asText());
                    k.put("apiSecret", key.path("apiSecret").asText());
                    java.util.List<String> roles = new java.util.ArrayList<>();
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
