package dev.standin.provider.velapay.terminal;

import dev.standin.core.auth.TimestampSignature;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.Cidr;
import io.javalin.http.Context;

import java.util.List;

/**
 * The terminal's authentication: callers on the device's local network need none (loopback by default;
 * {@code --terminal-trusted-networks} and a terminal's {@code settings.trustedNetworks} say what else
 * counts, e.g. the container bridge), unless the terminal's {@code requireSignature} setting says otherwise; others send {@code X-Timestamp} (Unix seconds)
 * and {@code X-Signature}, the hex HMAC-SHA256 of the timestamp followed by the exact body bytes with
 * the store secret, within 5 minutes of the (virtual) clock.
 */
final class TerminalAuth {
    private final VirtualClock clock;
    private final List<Cidr> trusted;

    TerminalAuth(VirtualClock clock, List<Cidr> trusted) {
        this.clock = clock;
        this.trusted = trusted;
    }

    void check(Context ctx, Terminal terminal, byte[] body) {
        boolean local = Cidr.anyContains(trusted, ctx.ip()) || Cidr.anyContains(terminal.config().trustedNetworks(), ctx.ip());
        if (local && !terminal.requireSignature()) {
            return;
        }
        String problem = TimestampSignature.problem(ctx.header("X-Timestamp"), ctx.header("X-Signature"),
                terminal.config().storeSecret(), body, clock.now());
        if (problem != null) {
            throw new TerminalError(401, problem.startsWith("Authentication error: X-Timestamp and")
                    ? "Authentication error: X-Timestamp and X-Signature headers are required for remote requests" : problem);
        }
    }
}
