package dev.standin.core.control;

import dev.standin.core.Simulation;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.http.Admission;
import dev.standin.core.http.RequestJournal;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.webhooks.WebhookDelivery;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.get;

/** {@code GET /_sim/stats}: the sizes of everything that could grow (journal, webhook log, scheduler, tokens, heap), for soak runs. */
final class StatsEndpoints implements EndpointGroup {
    private final String prefix;
    private final Admission admission;

    StatsEndpoints(String prefix, Admission admission) {
        this.prefix = prefix;
        this.admission = admission;
    }

    @Override
    public void addEndpoints() {
        get(prefix + "/stats", this::stats);
    }

    private void stats(Context ctx) {
        dev.standin.core.sandbox.Sandbox sandbox = ControlScope.of(ctx);
        RequestJournal journal = sandbox.journal();
        WebhookDelivery webhooks = sandbox.webhooks();
        Scheduler scheduler = sandbox.scheduler();
        Simulation simulation = sandbox.simulation();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("journal", Map.of("entries", journal.size(), "capacity", journal.capacity()));
        out.put("webhooks", Map.of("deliveries", webhooks.size()));
        out.put("scheduler", scheduler.stats());
        Map<String, Object> providers = new LinkedHashMap<>();
        for (ProviderModule module : simulation.modules()) {
            providers.put(module.name(), module.stats());
        }
        out.put("providers", providers);
        Runtime rt = Runtime.getRuntime();
        // usedBytes includes garbage not collected yet (bench/soak.sh reads the live set from the JVM after a full GC)
        out.put("heap", Map.of("usedBytes", rt.totalMemory() - rt.freeMemory(), "committedBytes", rt.totalMemory(),
                "maxBytes", rt.maxMemory()));
        out.put("admission", admission.stats()); // the server's, whichever sandbox asks
        ctx.json(out);
    }
}
