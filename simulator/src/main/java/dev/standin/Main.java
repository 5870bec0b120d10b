package dev.standin;

import dev.standin.core.provider.ProviderModule;
import io.javalin.util.JavalinBindException;

/**
 * {@code java -jar standin.jar [options]}: exit code 2 for a bad option or scenario;
 * {@code java -jar standin.jar ctl ...}: the command-line client of a running Standin ({@link dev.standin.cli.Ctl}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("ctl")) {
            dev.standin.cli.Ctl.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (StartupException e) {
            System.err.println("standin: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.usage());
            return;
        }
        try {
            StandinServer server = StandinServer.start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "standin-shutdown"));
            dev.standin.cli.Banner.print(options.host(), server.port("control"), server.info(),
                    Providers.all().stream().collect(java.util.stream.Collectors.toMap(ProviderModule::name, ProviderModule::title)),
                    System.out);
        } catch (StartupException e) {
            System.err.println("standin: " + e.getMessage());
            System.exit(2);
        } catch (JavalinBindException e) {
            System.err.println("standin: could not start: " + e.getMessage() + " (see --port-offset)");
            System.exit(1);
        } catch (dev.standin.core.http.ApiError e) {
            System.err.println("standin: could not start: " + e.getMessage() + " (see --port-offset, or the scenario's ports)");
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("standin: could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }
}
