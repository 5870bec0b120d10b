package dev.standin;

/** A problem with the options or scenarios the server was started with: it stops with exit code 2. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }
}
