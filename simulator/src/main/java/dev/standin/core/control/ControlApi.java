package dev.standin.core.control;

import dev.standin.core.Simulation;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.http.RequestJournal;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.webhooks.WebhookDelivery;
import io.javalin.apibuilder.EndpointGroup;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static io.javalin.apibuilder.ApiBuilder.path;

/** The control API under {@code /_sim}, composed of one endpoint group per concern plus each provider's own. */
public final class ControlApi implements EndpointGroup {
    private final EndpointGroup[] groups;
    private final Simulation simulation;

    public ControlApi(Simulation simulation, VirtualClock clock, Scheduler scheduler, RequestJournal journal,
                      WebhookDelivery webhooks, BooleanSupplier serving, Supplier<Map<String, Object>> ports, String version) {
        this.simulation = simulation;
        this.groups = new EndpointGroup[]{
                new HealthEndpoints(serving, ports, version, clock, simulation),
                new ClockEndpoints(clock, scheduler),
                new StateEndpoints(simulation),
                new JournalEndpoints(journal, simulation.modules().stream().map(m -> m.name()).toList()),
                new StatsEndpoints(simulation, scheduler, journal, webhooks),
                new ScenarioEndpoints(simulation),
                new HoldEndpoints(simulation.rules().holds()),
                new WebhookEndpoints(webhooks),
        };
    }

    public static ErrorRenderer errors() {
        return new ControlErrors();
    }

    @Override
    public void addEndpoints() {
        for (EndpointGroup group : groups) {
            group.addEndpoints();
        }
        for (ProviderModule module : simulation.modules()) {
            path("/_sim/" + module.name(), module.controlRoutes());
        }
    }
}
