package dev.standin.core;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.Scenarios;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

class ScenarioLoadingTest extends AcceptanceTest {

    @Test
    void aCredentialSeededTwiceIsRefusedForEveryProviderThatHasThem() {
        control().contentType("application/yaml").body("""
                version: 1
                name: clashes
                seed:
                  velapayCloud:
                    merchants: [{merchantId: cloud-merchant-1, apiKey: your-api-key, apiSecret: another-secret}]
                  vendreo:
                    applications: [{applicationKey: 19899181-5f37-4282-90d1-683e69cf3d05, secretKey: fresh-secret-key}]
                  qolo:
                    programs: [{programGuid: fresh-program, logins: [{loginid: qolo-demo, apikey: another-apikey}]}]
                """).post("/_sim/scenarios").then().statusCode(400)
                .body("problems.field", org.hamcrest.Matchers.hasItems("seed.velapayCloud.merchants[0].merchantId",
                        "seed.velapayCloud.merchants[0].apiKey", "seed.vendreo.applications[0].applicationKey",
                        "seed.qolo.programs[0].logins[0].loginid"));
    }

    @Test
    void loadingAScenarioSeedsItsTenantAtOnce() {
        control().contentType("application/yaml").body(Scenarios.secondPayor("second")).post("/_sim/scenarios").then()
                .statusCode(201)
                .body("name", equalTo("second"))
                .body("seeds", contains("velo"));

        String token = veloToken(server, Scenarios.SECOND_API_KEY, Scenarios.SECOND_API_SECRET);
        veloAs(token).get("/v1/payors/" + Scenarios.SECOND_PAYOR_ID).then().statusCode(200).body("payorName", equalTo("Second Payor"));
        control().get("/_sim/scenarios").then().body("scenarios.name", contains("default", "second"));
        control().get("/_sim/info").then().body("scenarios", contains("default", "second"));
    }

    @Test
    void aScenarioLoadsAfterAnotherWasUnloaded() {
        loadScenario("version: 1\nname: first-one\n");
        loadScenario("version: 1\nname: second-one\n");
        control().delete("/_sim/scenarios/first-one").then().statusCode(204);
        loadScenario("version: 1\nname: third-one\n");
        control().get("/_sim/scenarios").then().body("scenarios.name", contains("default", "second-one", "third-one"));
    }

    @Test
    void unknownSettingsAreRefusedNotIgnored() {
        control().contentType("application/yaml").body("version: 1\nname: typo\nsettings:\n  delays: {fooDelay: PT1S}\n")
                .post("/_sim/scenarios").then().statusCode(400).body("problems[0].field", containsString("fooDelay"));
        control().contentType("application/yaml").body("version: 1e1000\nname: huge\n")
                .post("/_sim/scenarios").then().statusCode(400).body("problems[0].field", containsString("version"));
    }

    @Test
    void infoListsEveryPayorsKeysAndEveryTerminal() {
        loadScenario(dev.standin.support.Scenarios.secondPayor("second-for-info"));
        control().get("/_sim/info").then().statusCode(200)
                .body("credentials.velo.apiKey", equalTo(API_KEY))
                .body("credentials.velo.payors.payorId", hasItem(dev.standin.support.Scenarios.SECOND_PAYOR_ID))
                .body("credentials.velo.payors.find { it.payorId == '" + dev.standin.support.Scenarios.SECOND_PAYOR_ID + "' }.apiKeys[0].apiKey",
                        equalTo(dev.standin.support.Scenarios.SECOND_API_KEY))
                .body("credentials.terminals.'terminal-1'.merchantId", equalTo("MERCHANT123"));
    }

    @Test
    void aLoadedScenarioSurvivesReset() {
        loadScenario(Scenarios.secondPayor("kept"));
        control().post("/_sim/reset").then().statusCode(200);
        veloToken(server, Scenarios.SECOND_API_KEY, Scenarios.SECOND_API_SECRET);
    }

    @Test
    void aScenarioCanBeSentAsJson() {
        control().contentType("application/json").body("""
                {"version": 1, "name": "as-json", "settings": {"instant": true}}
                """).post("/_sim/scenarios").then().statusCode(201).body("name", equalTo("as-json"));
    }

    @Test
    void anInvalidScenarioIsRefusedNamingLineFieldAndReasonAndChangesNothing() {
        String yaml = """
                version: 1
                name: broken
                seed:
                  velo:
                    payors:
                      - payorId: not-a-uuid
                        payorName: Broken
                        colour: blue
                        address: {line1: 1 Road, city: Paris, country: FR}
                        primaryContactName: X
                        primaryContactPhone: "1"
                        primaryContactEmail: x@example.com
                        apiKeys: [{apiKey: broken-key, apiSecret: s}]
                settings:
                  delays:
                    veloPayoutValidationDelay: soon
                """;
        control().contentType("application/yaml").body(yaml).post("/_sim/scenarios").then().statusCode(400)
                .body("error", equalTo("INVALID_SCENARIO"))
                .body("problems", hasSize(3))
                .body("problems.find { it.field == 'seed.velo.payors[0].payorId' }.line", equalTo(6))
                .body("problems.find { it.field == 'seed.velo.payors[0].colour' }.line", equalTo(8))
                .body("problems.find { it.field == 'seed.velo.payors[0].colour' }.why", containsString("unknown key"))
                .body("problems.find { it.field == 'settings.delays.veloPayoutValidationDelay' }.line", equalTo(16))
                .body("problems[0].file", equalTo("POST /_sim/scenarios"));

        control().get("/_sim/scenarios").then().body("scenarios.name", contains("default"));
        velo().auth().preemptive().basic("broken-key", "s").queryParam("grant_type", "client_credentials")
                .post("/v1/authenticate").then().statusCode(401);
    }

    @Test
    void aScenarioThatIsNotYamlIsRefusedWithItsLine() {
        control().contentType("application/yaml").body("version: 1\nname: [unclosed\n").post("/_sim/scenarios").then()
                .statusCode(400)
                .body("problems[0].why", containsString("not valid YAML"));
    }

    @Test
    void aMissingRequiredKeyIsNamed() {
        control().contentType("application/yaml").body("version: 1\nseed: {}\n").post("/_sim/scenarios").then()
                .statusCode(400)
                .body("problems.field", hasItem("name"))
                .body("problems.find { it.field == 'name' }.why", equalTo("is required"));
    }

    @Test
    void aRuleWithAnUnknownEffectIsRefused() {
        control().contentType("application/yaml").body("""
                version: 1
                name: bad-rule
                rules:
                  - match: {provider: velo, path: /v3/payouts}
                    effect: {explode: true}
                """).post("/_sim/scenarios").then()
                .statusCode(400)
                .body("problems[0].field", equalTo("rules[0].effect.explode"))
                .body("problems[0].line", equalTo(5));
    }

    @Test
    void aScenarioSeedingAnAlreadySeededPayorIsRefused() {
        control().contentType("application/yaml").body(Scenarios.secondPayor("twin-a")).post("/_sim/scenarios").then().statusCode(201);
        control().contentType("application/yaml").body(Scenarios.secondPayor("twin-b")).post("/_sim/scenarios").then()
                .statusCode(400)
                .body("problems.field", hasItem("seed.velo.payors[0].payorId"));
    }

    @Test
    void negativeAndUnreadableDurationsAreNamed() {
        control().contentType("application/yaml").body("""
                version: 1
                name: bad-durations
                rules:
                  - match: {provider: velo}
                    effect: {delay: PT-5S}
                settings:
                  delays: {veloPayoutValidationDelay: 5s}
                """).post("/_sim/scenarios").then()
                .statusCode(400)
                .body("problems", hasSize(2))
                .body("problems.find { it.field == 'rules[0].effect.delay' }.why", containsString("negative"))
                .body("problems.find { it.field == 'settings.delays.veloPayoutValidationDelay' }.why", containsString("ISO-8601"));
    }

    @Test
    void aScenarioReusingAnotherScenariosPayeeIdIsRefusedWithItsLine() {
        control().contentType("application/yaml").body("""
                version: 1
                name: clashing-payee
                seed:
                  velo:
                    payors:
                      - payorId: 0b5b3c3e-0000-4000-8000-000000000099
                        payorName: Clash
                        address: {line1: 1 Road, city: Paris, country: FR}
                        primaryContactName: X
                        primaryContactPhone: "1"
                        primaryContactEmail: x@example.com
                        payees:
                          - payeeId: 1b6e3c1a-0001-4a00-8000-000000000001
                            remoteId: clash
                            type: Company
                            email: clash@example.com
                            address: {line1: 1 Road, city: Paris, zipOrPostcode: "75001", country: FR}
                            company: {name: Clash}
                """).post("/_sim/scenarios").then()
                .statusCode(400)
                .body("problems[0].field", equalTo("seed.velo.payors[0].payees[0].payeeId"))
                .body("problems[0].line", equalTo(13));
    }

    @Test
    void aScenarioNameCanOnlyBeLoadedOnce() {
        control().contentType("application/yaml").body("version: 1\nname: default\n").post("/_sim/scenarios").then()
                .statusCode(400)
                .body("problems[0].field", equalTo("name"))
                .body("problems[0].why", containsString("already loaded"));
    }

    @Test
    void unloadingAScenarioRemovesItsTenant() {
        loadScenario(Scenarios.secondPayor("temporary"));
        control().delete("/_sim/scenarios/temporary").then().statusCode(204);
        velo().auth().preemptive().basic(Scenarios.SECOND_API_KEY, Scenarios.SECOND_API_SECRET)
                .queryParam("grant_type", "client_credentials").post("/v1/authenticate").then().statusCode(401);
        control().delete("/_sim/scenarios/temporary").then().statusCode(404);
    }
}
