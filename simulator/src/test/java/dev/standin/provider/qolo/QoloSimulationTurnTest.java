package dev.standin.provider.qolo;

import dev.standin.StandinServer;
import dev.standin.core.http.Admission;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.TestServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;

/**
 * A card authorisation simulated through the control API is a provider write arriving by another port:
 * it takes a turn as the provider's own writes do (--max-concurrent-requests), and gives it back
 * however it ends. Without turns, 32 clients authorising on one card raced for its row at once and
 * the slowest waited 47 ms (bench/providers.sh qolo-auth).
 */
class QoloSimulationTurnTest extends AcceptanceTest {
    private static StandinServer oneAtATime;
    /** The thread that keeps the only turn: a turn is given back by the thread that took it. */
    private static final ExecutorService KEEPER = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void start() {
        oneAtATime = TestServer.start("--max-concurrent-requests", "1");
    }

    @AfterAll
    static void stop() {
        oneAtATime.close();
        KEEPER.shutdownNow();
    }

    @Override
    protected StandinServer serverUnderTest() {
        return oneAtATime;
    }

    @Test
    void aSimulatedAuthorisationWaitsForATurnAndGivesItBackHoweverItEnds() throws Exception {
        QoloClient qolo = new QoloClient(server);
        String token = qolo.token();
        String proxy = qolo.activeCard(token)[2];
        qolo.load(token, "turn-1", proxy, "100");

        KEEPER.submit(() -> oneAtATime.admission().enter()).get(5, TimeUnit.SECONDS);
        try {
            authorize(proxy, "1.00").then().statusCode(201).body("status", equalTo("APPROVED")); // after its patience, without a turn
            control().get("/_sim/stats").then().body("admission.overdrawn", equalTo(1)); // a read does not wait
        } finally {
            KEEPER.submit(Admission::leave).get(5, TimeUnit.SECONDS);
        }

        authorize(proxy, "2.00").then().statusCode(201);
        authorize("no-such-card", "1.00").then().statusCode(404);
        control().contentType(ContentType.JSON).body("{\"amount\":\"lots\"}").post("/_sim/qolo/cards/" + proxy + "/authorizations")
                .then().statusCode(400);
        control().get("/_sim/stats").then().body("admission.computing", equalTo(0)).body("admission.overdrawn", equalTo(1));
        qolo.as(token).get("/api/v1/cards/" + proxy).then().statusCode(200);
    }

    private io.restassured.response.Response authorize(String proxy, String amount) {
        return control().contentType(ContentType.JSON).body("{\"amount\":\"" + amount + "\"}").post("/_sim/qolo/cards/" + proxy + "/authorizations");
    }
}
