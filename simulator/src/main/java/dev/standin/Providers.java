package dev.standin;

import dev.standin.core.provider.ProviderModule;
import dev.standin.provider.qolo.QoloModule;
import dev.standin.provider.velapay.cloud.CloudModule;
import dev.standin.provider.vendreo.VendreoModule;
import dev.standin.provider.velapay.terminal.TerminalModule;
import dev.standin.provider.velo.VeloModule;

import java.util.List;

/** The one explicit list of simulated providers. Adding a provider starts here. */
final class Providers {
    private Providers() {
    }

    static List<ProviderModule> all() {
        return List.of(
                new VeloModule(),
                new TerminalModule(),
                new CloudModule(),
                new QoloModule(),
                new VendreoModule()
        );
    }
}
