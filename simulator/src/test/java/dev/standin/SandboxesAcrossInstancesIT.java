package dev.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.standin.support.PackagedServer;
import dev.standin.support.TwoInstances;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.standin.support.PackagedServer.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sandboxes created through the control API of one of two packaged servers on one PostgreSQL database
 * (STANDIN_TEST_POSTGRES; skipped without it): either instance serves them by their credentials and
 * control token, with one clock, one journal view and one set of stored steps; a removal on one is
 * seen by the other and drops their state; a sandbox outlives the instance that created it.
 */
class SandboxesAcrossInstancesIT extends TwoInstances {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sandbox made on {@code s}: its id, control token and credentials, as the creation answered. */
    private record Made(String id, String control, String payorId, String key, String qoloLogin, String qoloKey) {
        String path(String rest) {
            return "/_sim/sandboxes/" + id + rest;
        }
    }

    private static Made create(PackagedServer s) throws Exception {
        HttpResponse<String> r = send(s.control, "POST", "/_sim/sandboxes", null,
                "{\"scenarios\":[\"default\"],\"clock\":{\"mode\":\"manual\",\"start\":\"2026-03-01T00:00:00Z\"},\"seed\":7}");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        JsonNode velo = body.path("credentials").path("velo");
        return new Made(body.path("id").asText(), "Bearer " + body.path("controlToken").asText(), velo.path("payorId").asText(),
                velo.path("apiKey").asText() + ":" + velo.path("apiSecret").asText(),
                body.path("credentials").path("qolo").path("loginid").asText(), body.path("credentials").path("qolo").path("apikey").asText());
    }

    @Test
    void aSandboxCreatedOnOneInstanceIsServedByTheOtherWithOneClockAndOneJournal() throws Exception {
        Made sb = create(a);
        String auth = "Bearer " + token(b, sb); // its credentials work on the instance that did not create it
        assertEquals(200, send(a.velo, "GET", "/v1/payors/" + sb.payorId(), auth, null).statusCode(), "and the token it issued on the first");
        String payment = "{\"payorId\":\"" + sb.payorId() + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\","
                + "\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}";
        HttpResponse<String> submitted = send(b.velo, "POST", "/v3/payouts", auth, payment);
        assertEquals(202, submitted.statusCode(), submitted.body());
        String payoutId = JSON.readTree(submitted.body()).path("payoutId").asText();

        assertEquals(200, send(a.control, "POST", sb.path("/clock/advance"), sb.control(), "{\"by\":\"PT2S\"}").statusCode());
        assertEquals("2026-03-01T00:00:02Z", clock(b, sb.path("/clock"), sb.control()), "one clock for the sandbox on both instances");
        assertEquals("2026-01-01T00:00:00Z", clock(b, "/_sim/clock", null), "the default sandbox's clock did not move");
        JsonNode payout = JSON.readTree(send(a.velo, "GET", "/v3/payouts/" + payoutId, auth, null).body());
        assertEquals("ACCEPTED", payout.path("status").asText(), "the validation step stored on B ran when A advanced: " + payout);

        JsonNode journal = JSON.readTree(send(a.control, "GET", sb.path("/requests?provider=velo"), sb.control(), null).body());
        Set<Long> instances = new HashSet<>();
        journal.path("requests").forEach(r -> instances.add(r.path("instance").asLong()));
        assertEquals(4, journal.path("count").asInt(), journal.toString());
        assertEquals(2, instances.size(), "the sandbox's journal gathers what both instances received: " + journal);
        HttpResponse<String> qolo = send(b.qolo, "POST", "/api/v1/auth/login", null, "{\"loginid\":\"" + sb.qoloLogin()
                + "\",\"apikey\":\"" + sb.qoloKey() + "\"}");
        assertEquals(200, qolo.statusCode(), qolo.body());
        JsonNode issued = JSON.readTree(qolo.body());
        assertEquals(200, send(a.qolo, "GET", "/api/v1/programs/" + issued.path("program_guid").asText() + "/balances",
                "Bearer " + issued.path("access_token").asText(), null).statusCode(), "a Qolo request, counted against its token's rate");
        assertEquals(0, count("select count(*) from qolo.rate_window"), "the sandbox's Qolo rate window is not the default sandbox's");
        assertEquals(1, count("select count(*) from " + sb.id() + "_qolo.rate_window"), "but its own");

        JsonNode listed = JSON.readTree(send(b.control, "GET", "/_sim/sandboxes", null, null).body());
        assertTrue(listed.toString().contains("\"id\":\"" + sb.id() + "\""), "listed by both: " + listed);
        assertEquals(401, send(b.control, "GET", sb.path(""), null, null).statusCode(), "its control token is asked for on both");
    }

    @Test
    void aSandboxRemovedOnOneInstanceIsGoneFromTheOtherWithItsSchemas() throws Exception {
        Made sb = create(a);
        Made kept = create(b);
        token(b, sb); // opened on B too
        assertEquals(12, count("select count(*) from pg_namespace where nspname like 'sb%\\_%'"), "six schemas each");
        HttpResponse<String> refused = send(a.control, "POST", "/_sim/sandboxes", null,
                "{\"scenarios\":[\"version: 1\\nname: broken\\nrules:\\n  - match: {provider: nobody}\"]}");
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(12, count("select count(*) from pg_namespace where nspname like 'sb%\\_%'"), "a refused sandbox leaves no schemas");

        assertEquals(204, send(a.control, "DELETE", sb.path(""), sb.control(), null).statusCode());
        assertEquals(404, send(b.control, "GET", sb.path(""), sb.control(), null).statusCode(), "B knows at once");
        HttpResponse<String> login = send(b.velo, "POST", "/v1/authenticate?grant_type=client_credentials",
                "Basic " + Base64.getEncoder().encodeToString(sb.key().getBytes()), null);
        assertEquals(401, login.statusCode(), "its credentials are refused as unknown: " + login.body());
        assertEquals(6, count("select count(*) from pg_namespace where nspname like 'sb%\\_%'"), "its schemas dropped, the other's kept");
        assertEquals(1, count("select count(*) from core.sandbox"));
        assertEquals(200, send(a.control, "GET", kept.path(""), kept.control(), null).statusCode(), "the other sandbox still served");
    }

    @Test
    void aSandboxOutlivesTheInstanceThatCreatedIt() throws Exception {
        Made sb = create(a);
        String auth = "Bearer " + token(a, sb);
        String payment = "{\"payorId\":\"" + sb.payorId() + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\","
                + "\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}";
        String payoutId = JSON.readTree(send(a.velo, "POST", "/v3/payouts", auth, payment).body()).path("payoutId").asText();
        a.close(); // SIGKILL: the sandbox lived there alone so far, its validation step still to run

        assertEquals(200, send(b.velo, "GET", "/v3/payouts/" + payoutId, "Bearer " + token(b, sb), null).statusCode());
        assertEquals(200, send(b.control, "POST", sb.path("/clock/advance"), sb.control(), "{\"by\":\"PT2S\"}").statusCode());
        JsonNode payout = JSON.readTree(send(b.velo, "GET", "/v3/payouts/" + payoutId, auth, null).body());
        assertEquals("ACCEPTED", payout.path("status").asText(), payout.toString());
    }

    private static String token(PackagedServer s, Made sb) throws Exception {
        HttpResponse<String> r = send(s.velo, "POST", "/v1/authenticate?grant_type=client_credentials",
                "Basic " + Base64.getEncoder().encodeToString(sb.key().getBytes()), null);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private static String clock(PackagedServer s, String path, String auth) throws Exception {
        return JSON.readTree(send(s.control, "GET", path, auth, null).body()).path("now").asText();
    }

}
