package dev.standin;

import dev.standin.core.provider.ProviderModule;
import dev.standin.provider.qolo.QoloModule;
import dev.standin.provider.velapay.cloud.CloudModule;
import dev.standin.provider.vendreo.VendreoModule;
import dev.standin.provider.velapay.terminal.TerminalModule;
import dev.standin.provider.velo.VeloModule;

import java.util.List;
import java.util.Locale;

/**
 * The one explicit list of simulated providers. Adding a provider starts here: its port option,
 * default port, help line, banner title, documents and test ports all come from its module.
 */
public final class Providers {
    private Providers() {
    }

    /** A new instance of every provider module (one set per sandbox). */
    public static List<ProviderModule> all() {
        return List.of(
                new VeloModule(),
                new TerminalModule(),
                new CloudModule(),
                new QoloModule(),
                new VendreoModule()
        );
    }

    /** The option naming an API's port: {@code --port-velapay-cloud} for {@code velapayCloud}. */
    public static String portOption(String api) {
        return "--port-" + api.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
