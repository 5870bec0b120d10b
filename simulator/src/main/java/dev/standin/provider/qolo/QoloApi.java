package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.JsonBody;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Qolo's routes, thin: authenticate (scope, rate), read the body, call a service, answer. */
final class QoloApi {
    private final QoloAuth auth;
    private final Idempotency idempotency;
    private final People people;
    private final Cards cards;
    private final Transfers transfers;
    private final Authorizations authorizations;
    private final Webhooks webhooks;
    private final LedgerRepository ledger;
    private final Function<String, Optional<Program>> programs;

    QoloApi(QoloAuth auth, Idempotency idempotency, People people, Cards cards, Transfers transfers, Authorizations authorizations,
            Webhooks webhooks, LedgerRepository ledger, Function<String, Optional<Program>> programs) {
        this.auth = auth;
        this.idempotency = idempotency;
        this.people = people;
        this.cards = cards;
        this.transfers = transfers;
        this.authorizations = authorizations;
        this.webhooks = webhooks;
        this.ledger = ledger;
        this.programs = programs;
    }

    void login(Context ctx) {
        ctx.json(auth.login(object(ctx)));
    }

    /**
     * A creating POST: idempotent by the {@code IdempotencyKey} header; 201 unless the service says
     * otherwise. The body is read once (415 and 400 before anything is kept under the key), and the
     * answer written as the JSON the key keeps.
     */
    private void create(Context ctx, String operation, BiFunction<QoloAuth.Caller, JsonNode, Idempotency.Answer> create) {
        QoloAuth.Caller caller = auth.require(ctx, operation);
        JsonNode body = object(ctx);
        Idempotency.Answer answer = idempotency.run(caller.program().guid(), ctx.header("IdempotencyKey"), body,
                () -> create.apply(caller, body));
        ctx.status(answer.status()).contentType(ContentType.APPLICATION_JSON).result(answer.json());
    }

    void createPerson(Context ctx) {
        create(ctx, "persons:create", (c, body) -> Idempotency.Answer.of(201, people.create(c.program(), body)));
    }

    void getPerson(Context ctx) {
        ctx.json(people.get(auth.require(ctx, "persons:read").program(), ctx.pathParam("person_guid")));
    }

    void createCard(Context ctx) {
        create(ctx, "cards:create", (c, body) -> Idempotency.Answer.of(201, cards.create(c.program(), body)));
    }

    void getCard(Context ctx) {
        ctx.json(cards.get(auth.require(ctx, "cards:read").program(), ctx.pathParam("card_proxy")));
    }

    void activateCard(Context ctx) {
        ctx.json(cards.activate(auth.require(ctx, "cards:activate").program(), ctx.pathParam("card_proxy")));
    }

    void cardStatus(Context ctx) {
        QoloAuth.Caller c = auth.require(ctx, "cards:status");
        ctx.json(cards.changeStatus(c.program(), ctx.pathParam("card_proxy"), object(ctx)));
    }

    void validateCard(Context ctx) {
        QoloAuth.Caller c = auth.require(ctx, "cards:validate");
        ctx.json(cards.validate(c.program(), object(ctx)));
    }

    void createAccount(Context ctx) {
        create(ctx, "accounts:create", (c, body) -> Idempotency.Answer.of(201, people.createAccount(c.program(), body)));
    }

    void getAccount(Context ctx) {
        ctx.json(people.getAccount(auth.require(ctx, "accounts:read").program(), ctx.pathParam("account_guid")));
    }

    void balances(Context ctx) {
        ctx.json(people.balances(auth.require(ctx, "accounts:read").program(), ctx.pathParam("program_guid")));
    }

    void createTransfer(Context ctx) {
        create(ctx, "transfers:create", (c, body) -> {
            Transfers.Result r = transfers.create(c.program(), body);
            return Idempotency.Answer.of(r.created() ? 201 : 200, r.body());
        });
    }

    void getTransfer(Context ctx) {
        ctx.json(transfers.get(auth.require(ctx, "transfers:read").program(), ctx.pathParam("transfer_id")));
    }

    void searchTransactions(Context ctx) {
        Program p = auth.require(ctx, "transactions:read").program();
        Map<String, String> q = new LinkedHashMap<>();
        for (String name : List.of("account_guid", "card_proxy", "transaction_type", "status", "from", "to", "page", "page_size")) {
            q.put(name, ctx.queryParam(name));
        }
        ctx.json(transfers.search(p, q));
    }

    void createWebhook(Context ctx) {
        create(ctx, "webhooks:create", (c, body) -> Idempotency.Answer.of(201, webhooks.create(c.program(), body)));
    }

    void listWebhooks(Context ctx) {
        ctx.json(Map.of("subscriptions", webhooks.list(auth.require(ctx, "webhooks:read").program())));
    }

    void getWebhook(Context ctx) {
        ctx.json(webhooks.get(auth.require(ctx, "webhooks:read").program(), ctx.pathParam("subscription_guid")));
    }

    void updateWebhook(Context ctx) {
        QoloAuth.Caller c = auth.require(ctx, "webhooks:update");
        ctx.json(webhooks.update(c.program(), ctx.pathParam("subscription_guid"), object(ctx)));
    }

    void deleteWebhook(Context ctx) {
        ctx.json(webhooks.delete(auth.require(ctx, "webhooks:delete").program(), ctx.pathParam("subscription_guid")));
    }

    // the control API's simulated card network (no token: the card or authorisation names its program)

    void simulateAuthorization(Context ctx) {
        String proxy = ctx.pathParam("card_proxy");
        Program p = programOfCard(proxy);
        ctx.status(201).json(authorizations.authorize(p, proxy, JsonBody.lenientTree(ctx)));
    }

    void clearAuthorization(Context ctx) {
        String guid = ctx.pathParam("auth_guid");
        ctx.json(authorizations.clear(programOfAuth(guid), guid, JsonBody.lenientTree(ctx)));
    }

    void reverseAuthorization(Context ctx) {
        String guid = ctx.pathParam("auth_guid");
        ctx.json(authorizations.reverse(programOfAuth(guid), guid));
    }

    void refundAuthorization(Context ctx) {
        String guid = ctx.pathParam("auth_guid");
        ctx.json(authorizations.refund(programOfAuth(guid), guid, JsonBody.lenientTree(ctx)));
    }

    /** {@code GET /_sim/qolo/programs/{program_guid}}: persons, cards, accounts, authorisations and the conservation check. */
    void programView(Context ctx) {
        Program p = programs.apply(ctx.pathParam("program_guid")).orElseThrow(() -> ApiError.notFound("No program " + ctx.pathParam("program_guid")));
        BigDecimal[] totals = people.repo().totals(p.guid());
        BigDecimal external = ledger.externalNet(p.guid());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("program_guid", p.guid());
        out.put("name", p.name());
        out.put("currency", p.currency());
        out.put("persons", people.repo().persons(p.guid()).stream().map(People::view).toList());
        out.put("cards", cards.repo().cards(p.guid()).stream().map(c -> {
            Map<String, Object> card = Cards.view(c);
            card.put("pan", c.getPan()); // what the plastic shows, for tests that validate or pay with the card
            card.put("cvv", c.getCvv());
            return card;
        }).toList());
        out.put("accounts", people.repo().accounts(p.guid()).stream().map(People::view).toList());
        out.put("authorizations", ledger.auths(p.guid()).stream().map(Authorizations::view).toList());
        Map<String, Object> books = new LinkedHashMap<>();
        books.put("ledger_balance", totals[0]);
        books.put("available_balance", totals[1]);
        books.put("suspense_balance", totals[2]);
        books.put("external_net", external);
        books.put("conserved", totals[0].compareTo(external) == 0);
        out.put("ledger", books);
        ctx.json(out);
    }

    private Program programOfCard(String proxy) {
        return cards.repo().programOf(proxy).flatMap(programs).orElseThrow(() -> ApiError.notFound("No card " + proxy));
    }

    private Program programOfAuth(String guid) {
        return ledger.programOfAuth(guid).flatMap(programs).orElseThrow(() -> ApiError.notFound("No authorization " + guid));
    }

    /** The JSON object body: a declared non-JSON type is 415, malformed JSON or another value 400. */
    private static JsonNode object(Context ctx) {
        JsonNode body = JsonBody.tree(ctx);
        if (!body.isObject()) {
            throw ApiError.badBody("body", "body: must be a JSON object");
        }
        return body;
    }
}
