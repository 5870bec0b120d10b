package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.http.HttpServerFactory;
import dev.standin.core.http.JsonBody;
import dev.standin.core.provider.Listener;
import dev.standin.core.provider.ProviderContext;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.rules.RuleEvent;
import dev.standin.core.scenario.Problems;
import dev.standin.core.scenario.Scenario;
import dev.standin.core.scenario.SeedCheck;
import dev.standin.core.store.Database;
import dev.standin.db.terminals.Terminals;
import io.javalin.apibuilder.ApiBuilder;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.post;

/**
 * VelaPay's Local Terminal API: each terminal a scenario declares listens on its own port (the first
 * on 7501) and answers POSTs at its root, like the device does.
 */
public final class TerminalModule implements ProviderModule {
    public static final String NAME = "terminals";

    private final Map<String, Terminal> terminals = new LinkedHashMap<>();
    private ProviderContext context;
    private Database database;
    private RequestLogRepository log;
    private TerminalHandler handler;
    private Printer printer;
    private ErrorRenderer errors;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "VelaPay terminals";
    }

    @Override
    public int defaultPort() {
        return 7501;
    }

    private TransactionRepository txns;

    @Override
    public boolean hasOwnPort() {
        return false;
    }

    /** The document shows no null anywhere: an absent value is left out (an invoiceNumber never sent, for one). */
    @Override
    public com.fasterxml.jackson.databind.ObjectMapper json() {
        return dev.standin.core.json.Json.withoutNulls();
    }

    @Override
    public String openApiDocument() {
        return "velapay-terminal";
    }

    @Override
    public void init(ProviderContext context) {
        this.context = context;
        this.database = context.database();
        this.log = new RequestLogRepository(database.dsl(), database.sharedByInstances());
        this.txns = new TransactionRepository(database);
        this.printer = new Printer(database.dsl(), txns, context.clock(), context.ids());
        Payments payments = new Payments(txns, printer, context.clock(), context.ids());
        this.handler = new TerminalHandler(new TerminalAuth(context.clock(), context.trustedNetworks()), new SystemRequests(log), payments, printer, log,
                context.clock(), context.ids());
        this.errors = new TerminalErrors(context.clock());
    }

    @Override
    public EndpointGroup routes() {
        return () -> {
        };
    }

    /** A terminal request speaks for the terminal's merchant. */
    @Override
    public String tenant(Context ctx) {
        Terminal t = at(ctx);
        return t == null ? null : t.config().merchantId();
    }

    /** The terminal whose port took the request, or null (not a terminal request, or its terminal was removed meanwhile). */
    private Terminal at(Context ctx) {
        String listener = ctx.attribute(HttpServerFactory.LISTENER);
        if (listener == null || !listener.startsWith(NAME + "/")) {
            return null;
        }
        synchronized (this) {
            return terminals.get(listener.substring(NAME.length() + 1));
        }
    }

    /** One listener per declared terminal; a terminal keeps its state while its declaration is unchanged. */
    @Override
    public synchronized List<Listener> listeners() {
        Map<String, Terminal> current = new LinkedHashMap<>();
        for (JsonNode seed : context.scenarios().seedsFor(NAME)) {
            for (JsonNode t : seed.path("terminals")) {
                TerminalConfig config = TerminalConfig.of(t);
                Terminal existing = terminals.get(config.id());
                current.put(config.id(), existing != null && existing.config().equals(config) ? existing
                        : new Terminal(config, context.scheduler(), context.rules(), c -> txns.openBatch(c.id(), c.batchId()),
                        () -> context.scenarios().delay("terminalCustomerDelay", TerminalDevice.CUSTOMER_DELAY)));
            }
        }
        terminals.clear();
        terminals.putAll(current);
        List<Listener> out = new ArrayList<>();
        for (Terminal t : current.values()) {
            out.add(new Listener(t.config().id(), t.config().port()));
        }
        return out;
    }

    /** Every terminal's one endpoint, on the terminal's port: the request's terminal is the one listening there. */
    @Override
    public EndpointGroup deviceRoutes() {
        return () -> {
            before(TerminalHandler::cors);
            post("/", ctx -> {
                TerminalModule self = self(ctx);
                self.handler.handle(self.listening(ctx), ctx);
            });
            ApiBuilder.staticInstance().options("/", ctx -> self(ctx).handler.preflight(ctx));
        };
    }

    /** The terminal whose port took the request. */
    private Terminal listening(Context ctx) {
        Terminal t = at(ctx);
        if (t == null) { // its scenario was unloaded while the request was on its way
            throw ApiError.notFound("No terminal listens on this port");
        }
        return t;
    }

    /** {@code GET /_sim/terminals/{id}} (the screen) and {@code POST /_sim/terminals/{id}/actions} (a customer action). */
    @Override
    public EndpointGroup controlRoutes() {
        return () -> {
            ApiBuilder.get("/{id}", ctx -> {
                Terminal t = self(ctx).terminal(ctx.pathParam("id"));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", t.config().id());
                out.put("busy", t.device().busy());
                out.put("screen", t.device().screen());
                ctx.json(out);
            });
            ApiBuilder.get("/{id}/printouts", ctx -> {
                TerminalModule self = self(ctx);
                ctx.json(Map.of("printouts", self.printer.printouts(self.terminal(ctx.pathParam("id")).config().id())));
            });
            post("/{id}/actions", ctx -> {
                Terminal t = self(ctx).terminal(ctx.pathParam("id"));
                try {
                    t.device().act(JsonBody.lenientTree(ctx));
                } catch (IllegalStateException e) {
                    throw new ApiError(409, "WRONG_STATE", e.getMessage(), null, null);
                } catch (IllegalArgumentException e) {
                    throw ApiError.badBody("type", e.getMessage());
                }
                ctx.json(Map.of("screen", t.device().screen()));
            });
        };
    }

    /** The terminals instance of the control request's sandbox (control routes are registered once). */
    private static TerminalModule self(io.javalin.http.Context ctx) {
        return HttpServerFactory.module(ctx, NAME);
    }

    /** A new sandbox's terminals get new store secrets and no fixed ports (each takes a free one). */
    @Override
    public JsonNode freshCredentials(JsonNode seed) {
        JsonNode copy = seed.deepCopy();
        for (JsonNode t : copy.path("terminals")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) t).put("storeSecret", dev.standin.core.auth.Secrets.uuid().toString())
                    .remove("port");
        }
        return copy;
    }

    private synchronized Terminal terminal(String id) {
        Terminal t = terminals.get(id);
        if (t == null) {
            throw ApiError.notFound("No terminal " + id);
        }
        return t;
    }

    @Override
    public ErrorRenderer errors() {
        return errors;
    }

    @Override
    public List<RuleEvent> ruleEvents() {
        return List.of(Processor.PROCESS_EVENT);
    }

    @Override
    public SeedCheck seedCheck() {
        return (seed, pointer, alreadyLoaded, problems) -> checkSeed(seed, pointer, alreadyLoaded, problems);
    }

    private static void checkSeed(JsonNode seed, String pointer, List<JsonNode> alreadyLoaded, Problems problems) {
        Set<String> ids = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (JsonNode other : alreadyLoaded) {
            other.path("terminals").forEach(t -> {
                ids.add(t.path("id").asText());
                if (t.has("port")) {
                    ports.add(t.get("port").asInt());
                }
            });
        }
        JsonNode list = seed.path("terminals");
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            if (!ids.add(t.path("id").asText())) {
                problems.add(pointer + "/terminals/" + i + "/id", "terminal " + t.path("id").asText() + " is declared twice");
            }
            JsonNode networks = t.path("settings").path("trustedNetworks");
            for (int n = 0; n < networks.size(); n++) {
                try {
                    dev.standin.core.http.Cidr.parse(networks.get(n).asText());
                } catch (IllegalArgumentException e) {
                    problems.add(pointer + "/terminals/" + i + "/settings/trustedNetworks/" + n, e.getMessage());
                }
            }
            if (t.has("port") && t.get("port").asInt() != 0 && !ports.add(t.get("port").asInt())) {
                problems.add(pointer + "/terminals/" + i + "/port", "port " + t.get("port").asInt() + " is taken by another terminal");
            }
        }
    }

    /** Terminals are declarations, not rows: nothing to insert. */
    @Override
    public void seed(Scenario scenario, DSLContext tx) {
    }

    @Override
    public synchronized void clear() {
        database.truncate(Terminals.TERMINALS);
        log.forgetSizes();
        terminals.values().forEach(t -> {
            t.device().abort("Terminal reset");
            t.resetSettings();
        });
    }

    @Override
    public Map<String, Object> stats() {
        return Map.of("requestLogEntries", database.dsl().fetchCount(Terminals.TERMINALS.REQUEST_LOG));
    }

    @Override
    public synchronized Map<String, Object> credentials() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode seed : context.scenarios().seedsFor(NAME)) {
            for (JsonNode t : seed.path("terminals")) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("merchantId", t.path("merchantId").asText());
                c.put("storeSecret", t.path("storeSecret").asText());
                out.put(t.path("id").asText(), c);
            }
        }
        return out;
    }
}
