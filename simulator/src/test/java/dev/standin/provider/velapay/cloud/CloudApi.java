package dev.standin.provider.velapay.cloud;

import dev.standin.StandinServer;
import dev.standin.support.TestServer;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static io.restassured.RestAssured.given;

/** Signs and sends Cloud API requests the way the document's client does. */
public final class CloudApi {
    static final String KEY = "your-api-key";
    static final String SECRET = "your-api-secret";
    static final String SECOND_KEY = "second-merchant-api-key";
    static final String SECOND_SECRET = "second-merchant-api-secret";
    /** The document's own date (its sale example's transactionTime), so that its example cards (expiring 1225) are valid. */
    static final String DOCUMENT_TIME = "2025-10-21T19:05:20Z";

    private static StandinServer server;

    private CloudApi() {
    }

    static synchronized StandinServer server() {
        if (server == null) {
            server = TestServer.start("--start-time", DOCUMENT_TIME);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    static Instant now() {
        return Instant.parse(given().port(server().port("control")).get("/_sim/clock").then().extract().path("now"));
    }

    static Response post(String body) {
        return post(KEY, SECRET, body);
    }

    static Response post(String key, String secret, String body) {
        String timestamp = Long.toString(now().getEpochSecond());
        return send(key, timestamp, sign(secret, timestamp, body), body);
    }

    static Response send(String key, String timestamp, String signature, String body) {
        var request = given().port(server().port("velapayCloud")).contentType("application/json").body(body);
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (timestamp != null) {
            request.header("X-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return request.post("/v1/");
    }

    /** The X-Signature of {@code body} sent at {@code timestamp}: HMAC-SHA256 of the two with the merchant's secret, in hex. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
