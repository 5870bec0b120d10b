package dev.standin.provider.velapay.terminal;

import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.Cidr;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The terminal's authentication: callers on the device's local network need none (loopback by default;
 * {@code --terminal-trusted-networks} and a terminal's {@code settings.trustedNetworks} say what else
 * counts, e.g. the container bridge), unless the terminal's {@code requireSignature} setting says otherwise; others send {@code X-Timestamp} (Unix seconds)
 * and {@code X-Signature}, the hex HMAC-SHA256 of the timestamp followed by the exact body bytes with
 * the store secret, within 5 minutes of the (virtual) clock.
 */
final class TerminalAuth {
    static final Duration WINDOW = Duration.ofMinutes(5);

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
        String timestamp = ctx.header("X-Timestamp");
        String signature = ctx.header("X-Signature");
        if (timestamp == null || signature == null) {
            throw new TerminalError(401, "Authentication error: X-Timestamp and X-Signature headers are required for remote requests");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new TerminalError(401, "Authentication error: X-Timestamp must be Unix seconds");
        }
        if (Math.abs(clock.now().getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            throw new TerminalError(401, "Request timestamp expired");
        }
        byte[] expected = hmac(terminal.config().storeSecret(), timestamp.trim(), body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TerminalError(401, "Invalid signature");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new TerminalError(401, "Invalid signature");
        }
    }

    static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
