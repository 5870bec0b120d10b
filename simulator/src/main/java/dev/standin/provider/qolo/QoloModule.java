package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.auth.Credentials;
import dev.standin.core.auth.Secrets;
import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.http.HttpServerFactory;
import dev.standin.core.provider.ProviderContext;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.rules.RuleEvent;
import dev.standin.core.scenario.Scenario;
import dev.standin.core.scenario.SeedCheck;
import dev.standin.core.store.Database;
import dev.standin.db.qolo.Qolo;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

/**
 * Qolo card issuing under {@code /api/v1/}: login, persons, cards, accounts, transfers, transactions
 * and webhook subscriptions; simulated card authorisations through the control API. Programs (logins,
 * rates) come from the scenarios.
 */
public final class QoloModule implements ProviderModule {
    public static final String NAME = "qolo";

    private ProviderContext context;
    private Database database;
    private QoloAuth auth;
    private Idempotency idempotency;
    private WebhookRepository webhookRepo;
    private QoloApi api;
    private final ErrorRenderer errors = new QoloErrors();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Qolo";
    }

    @Override
    public int defaultPort() {
        return 8083;
    }

    @Override
    public String openApiDocument() {
        return "qolo";
    }

    @Override
    public void init(ProviderContext context) {
        this.context = context;
        this.database = context.database();
        var dsl = database.dsl();
        this.auth = new QoloAuth(context.clock(), this::programs, database);
        this.idempotency = new Idempotency(context.clock(), database);
        this.webhookRepo = new WebhookRepository(database, context.clock());
        Webhooks webhooks = new Webhooks(webhookRepo, context.webhooks(), context.clock(), context.ids());
        PeopleRepository peopleRepo = new PeopleRepository(dsl);
        CardRepository cardRepo = new CardRepository(dsl);
        LedgerRepository ledger = new LedgerRepository(dsl);
        People people = new People(peopleRepo, context.clock(), context.ids(), webhooks);
        Cards cards = new Cards(cardRepo, people, context.clock(), context.ids(), webhooks);
        Balances balances = new Balances(peopleRepo, ledger, context.clock(), context.ids());
        Transfers transfers = new Transfers(ledger, balances, cardRepo, peopleRepo, context.clock(), context.ids(), context.events(NAME), webhooks);
        Authorizations authorizations = new Authorizations(ledger, balances, cardRepo, cards, context.clock(), context.ids(),
                context.rules(), context.scheduler(), webhooks, this::program);
        this.api = new QoloApi(auth, idempotency, people, cards, transfers, authorizations, webhooks, ledger, this::program);
    }

    @Override
    public EndpointGroup routes() {
        return () -> {
            post("/api/v1/auth/login", h(m -> m.api::login));
            post("/api/v1/persons", h(m -> m.api::createPerson));
            get("/api/v1/persons/{person_guid}", h(m -> m.api::getPerson));
            post("/api/v1/cards", h(m -> m.api::createCard));
            post("/api/v1/cards/validate", h(m -> m.api::validateCard));
            get("/api/v1/cards/{card_proxy}", h(m -> m.api::getCard));
            post("/api/v1/cards/{card_proxy}/activate", h(m -> m.api::activateCard));
            post("/api/v1/cards/{card_proxy}/status", h(m -> m.api::cardStatus));
            post("/api/v1/accounts", h(m -> m.api::createAccount));
            get("/api/v1/accounts/{account_guid}", h(m -> m.api::getAccount));
            get("/api/v1/programs/{program_guid}/balances", h(m -> m.api::balances));
            post("/api/v1/transfers", h(m -> m.api::createTransfer));
            get("/api/v1/transfers/{transfer_id}", h(m -> m.api::getTransfer));
            get("/api/v1/transactions", h(m -> m.api::searchTransactions));
            post("/api/v1/webhooks", h(m -> m.api::createWebhook));
            get("/api/v1/webhooks", h(m -> m.api::listWebhooks));
            get("/api/v1/webhooks/{subscription_guid}", h(m -> m.api::getWebhook));
            put("/api/v1/webhooks/{subscription_guid}", h(m -> m.api::updateWebhook));
            delete("/api/v1/webhooks/{subscription_guid}", h(m -> m.api::deleteWebhook));
        };
    }

    /** Under {@code /_sim/qolo}: the simulated card network and a program's books. */
    @Override
    public EndpointGroup controlRoutes() {
        return () -> {
            post("/cards/{card_proxy}/authorizations", h(m -> m.api::simulateAuthorization));
            post("/authorizations/{auth_guid}/clear", h(m -> m.api::clearAuthorization));
            post("/authorizations/{auth_guid}/reverse", h(m -> m.api::reverseAuthorization));
            post("/authorizations/{auth_guid}/refund", h(m -> m.api::refundAuthorization));
            get("/programs/{program_guid}", h(m -> m.api::programView));
        };
    }

    private static Handler h(Function<QoloModule, Handler> handler) {
        return ctx -> handler.apply(HttpServerFactory.<QoloModule>module(ctx, NAME)).handle(ctx);
    }

    private List<Program> programs() {
        return context.scenarios().declared(NAME, "programs", Program::of);
    }

    private Optional<Program> program(String guid) {
        return programs().stream().filter(p -> p.guid().equals(guid)).findFirst();
    }

    /** The bearer token, or the loginid of a login request: what names the caller's sandbox. */
    @Override
    public String credential(Context ctx) {
        var token = Credentials.bearer(ctx.header("Authorization"));
        if (token.isPresent()) {
            return "token:" + token.get();
        }
        if (ctx.path().endsWith("/auth/login")) {
            try {
                JsonNode body = dev.standin.core.json.Json.mapper().readTree(ctx.bodyAsBytes());
                return body != null && body.path("loginid").isTextual() ? "login:" + body.get("loginid").asText() : null;
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public boolean owns(String credential) {
        if (credential.startsWith("token:")) {
            return auth.knows(credential.substring(6));
        }
        String login = credential.substring(credential.indexOf(':') + 1);
        return programs().stream().anyMatch(p -> p.logins().stream().anyMatch(l -> l.loginId().equals(login)));
    }

    @Override
    public String tenant(Context ctx) {
        return Credentials.bearer(ctx.header("Authorization")).flatMap(auth::find).map(c -> c.program().guid()).orElse(null);
    }

    /** A new sandbox's logins get new login ids and API keys. */
    @Override
    public JsonNode freshCredentials(JsonNode seed) {
        JsonNode copy = seed.deepCopy();
        for (JsonNode p : copy.path("programs")) {
            for (JsonNode l : p.path("logins")) {
                ((ObjectNode) l).put("loginid", l.path("loginid").asText() + "-" + Secrets.uuid().toString().substring(0, 8))
                        .put("apikey", Secrets.uuid().toString());
            }
        }
        return copy;
    }

    @Override
    public ErrorRenderer errors() {
        return errors;
    }

    @Override
    public List<RuleEvent> ruleEvents() {
        return List.of(Authorizations.DECIDE_EVENT, Authorizations.SETTLE_EVENT);
    }

    /** Program guids unique, and login ids unique across every program. */
    @Override
    public SeedCheck seedCheck() {
        return SeedCheck.unique("programs", "programGuid").and((seed, pointer, alreadyLoaded, problems) -> {
            Set<String> logins = new HashSet<>();
            alreadyLoaded.forEach(other -> other.path("programs").forEach(p -> p.path("logins").forEach(l -> logins.add(l.path("loginid").asText()))));
            JsonNode list = seed.path("programs");
            for (int i = 0; i < list.size(); i++) {
                for (int j = 0; j < list.get(i).path("logins").size(); j++) {
                    if (!logins.add(list.get(i).path("logins").get(j).path("loginid").asText())) {
                        problems.add(pointer + "/programs/" + i + "/logins/" + j + "/loginid", "this loginid is declared twice");
                    }
                }
            }
        });
    }

    /** Programs are declarations, not rows: nothing to insert. */
    @Override
    public void seed(Scenario scenario, DSLContext tx) {
    }

    @Override
    public void clear() {
        database.truncate(Qolo.QOLO);
        auth.clear();
        idempotency.clear();
        webhookRepo.forgetCached();
    }

    @Override
    public void forgetCached() {
        auth.forgetCached();
        webhookRepo.forgetCached();
    }

    @Override
    public Map<String, Object> stats() {
        return Map.of("tokens", auth.size(), "idempotencyKeys", idempotency.size());
    }

    @Override
    public Map<String, Object> credentials() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Program p : programs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("programGuid", p.guid());
            m.put("logins", p.logins().stream().map(l -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("loginid", l.loginId());
                c.put("apikey", l.apiKey());
                c.put("scope", l.operations() == null ? "all" : l.operations().isEmpty() ? "read-only" : l.operations());
                return c;
            }).toList());
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programs", out);
        if (!out.isEmpty() && !programs().getFirst().logins().isEmpty()) {
            Program.Login first = programs().getFirst().logins().getFirst();
            body.put("programGuid", programs().getFirst().guid());
            body.put("loginid", first.loginId());
            body.put("apikey", first.apiKey());
        }
        return body;
    }
}
