package dev.standin.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * VelaPay's request signature, the same for its terminals and its Cloud API: {@code X-Timestamp}
 * (Unix seconds) and {@code X-Signature}, the hex HMAC-SHA256 with the secret of the timestamp string
 * followed by the exact body bytes, within 5 minutes of the (virtual) clock.
 */
public final class TimestampSignature {
    public static final Duration WINDOW = Duration.ofMinutes(5);
    public static final String INVALID = "Invalid signature";
    public static final String EXPIRED = "Request timestamp expired";

    private TimestampSignature() {
    }

    /**
     * Why the request's headers do not prove it was signed with {@code secret} at about {@code now}
     * (the provider's own message), or null when they do.
     */
    public static String problem(String timestamp, String signature, String secret, byte[] body, Instant now) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return "Authentication error: X-Timestamp and X-Signature headers are required";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "Authentication error: X-Timestamp must be Unix seconds";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            return EXPIRED;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return INVALID;
        }
        return MessageDigest.isEqual(hmac(secret, timestamp.trim(), body), given) ? null : INVALID;
    }

    /** The signature's bytes: HMAC-SHA256 of the timestamp then the body. */
    public static byte[] hmac(String secret, String timestamp, byte[] body) {
        return hmac(secret, timestamp.getBytes(StandardCharsets.UTF_8), body);
    }

    /** HMAC-SHA256 of the body alone, hex: a webhook signature that carries no timestamp (Qolo's). */
    public static String hmacHex(String secret, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret, new byte[0], body));
    }

    private static byte[] hmac(String secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
