package dev.standin.launcher;

/**
 * The jar's entry point, compiled for Java 8 so that an older {@code java} reads it: it says plainly
 * that Standin needs Java 21 or newer (instead of an UnsupportedClassVersionError), and otherwise
 * hands over to {@code dev.standin.Main}.
 */
public final class Launcher {
    private static final int NEEDED = 21;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        String version = System.getProperty("java.specification.version", "0");
        int major;
        try {
            major = Integer.parseInt(version.startsWith("1.") ? version.substring(2) : version);
        } catch (NumberFormatException e) {
            major = 0;
        }
        if (major < NEEDED) {
            System.err.println("standin: needs Java " + NEEDED + " or newer; this is Java " + version + " ("
                    + System.getProperty("java.home") + ").");
            System.err.println("standin: run it with a newer JDK (e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar standin.jar),"
                    + " or use ./run.sh, which finds one.");
            System.exit(2);
        }
        try {
            Class.forName("dev.standin.Main").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
