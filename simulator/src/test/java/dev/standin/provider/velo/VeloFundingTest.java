package dev.standin.provider.velo;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.Scenarios;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

class VeloFundingTest extends AcceptanceTest {
    static final String USD_EMPTY = "5a0c0005-0000-4000-8000-000000000005";

    @Test
    void seededSourceAccountsAreListedAsRealClientsNameThem() {
        veloAs(veloToken()).queryParam("sort", "name:asc").get("/v1/sourceAccounts").then().statusCode(200)
                .body("content.name", hasItems("PAYOR_SRC_ACCT", "USD_Velo", "EUR_Velo", "GBP_Velo"))
                .body("page.totalElements", equalTo(5))
                .body("content.find { it.name == 'USD_Velo' }.balance", equalTo(100000000))
                .body("content.find { it.name == 'USD_Velo' }.railsId", equalTo("SIM"));
    }

    @Test
    void sourceAccountsFilterByPhysicalAccountAndPage() {
        veloAs(veloToken()).queryParam("physicalAccountName", "VELO_FBO_SIM_USD").queryParam("pageSize", 2).queryParam("page", 2)
                .queryParam("sort", "balance:desc").get("/v1/sourceAccounts").then().statusCode(200)
                .body("page.totalElements", equalTo(3))
                .body("page.totalPages", equalTo(2))
                .body("content.name", org.hamcrest.Matchers.contains("USD_Empty"))
                .body("links[0].href", org.hamcrest.Matchers.containsString("physicalAccountName=VELO_FBO_SIM_USD"));
        veloAs(veloToken()).queryParam("sort", "colour:asc").get("/v1/sourceAccounts").then().statusCode(400)
                .body("errors[0].location", equalTo("sort"));
    }

    @Test
    void anAchFundingIsCreditedAfterItsDelay() {
        String token = veloToken();
        veloAs(token).body("{\"amount\":999990}").post("/v1/sourceAccounts/" + USD_EMPTY + "/achFundingRequest").then().statusCode(202);
        veloAs(token).get("/v1/sourceAccounts/" + USD_EMPTY).then().body("balance", equalTo(0));
        advance("PT2S");
        veloAs(token).get("/v1/sourceAccounts/" + USD_EMPTY).then().body("balance", equalTo(999990));
    }

    @Test
    void achAmountsOutsideOneTo9999999999AreRejected() {
        String token = veloToken();
        veloAs(token).body("{\"amount\":0}").post("/v1/sourceAccounts/" + USD_EMPTY + "/achFundingRequest").then().statusCode(400)
                .body("errors[0].location", equalTo("amount"));
        veloAs(token).body("{\"amount\":10000000000}").post("/v1/sourceAccounts/" + USD_EMPTY + "/achFundingRequest").then().statusCode(400);
        veloAs(token).body("{\"amount\":\"12\"}").post("/v1/sourceAccounts/" + USD_EMPTY + "/achFundingRequest").then().statusCode(400);
    }

    @Test
    void anotherPayorsSourceAccountIsNotFound() {
        loadScenario(Scenarios.secondPayor("funding-isolation"));
        String other = veloToken(server, Scenarios.SECOND_API_KEY, Scenarios.SECOND_API_SECRET);
        veloAs(other).get("/v1/sourceAccounts/" + USD_EMPTY).then().statusCode(404);
        veloAs(other).body("{\"amount\":100}").post("/v1/sourceAccounts/" + USD_EMPTY + "/achFundingRequest").then().statusCode(404);
    }
}
