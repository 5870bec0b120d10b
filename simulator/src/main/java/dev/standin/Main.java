package dev.standin;

import io.javalin.util.JavalinBindException;

/** {@code java -jar standin.jar [options]}: exit code 2 for a bad option or scenario. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
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
