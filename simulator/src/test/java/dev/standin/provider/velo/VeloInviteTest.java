package dev.standin.provider.velo;

import dev.standin.support.AcceptanceTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

class VeloInviteTest extends AcceptanceTest {
    static final String INVITED_PAYEE = "1b6e3c1a-0007-4a00-8000-000000000007";
    static final String STRONG = "correct horse battery staple";

    RequestSpecification publicVelo() {
        return velo().contentType(ContentType.JSON);
    }

    String inviteOf(String payeeId) {
        return control().get("/_sim/velo/payees/" + payeeId).then().statusCode(200).extract().path("inviteId");
    }

    @Test
    void completingTheInviteFlowRegistersThenOnboardsThePayee() {
        String invite = inviteOf(INVITED_PAYEE);
        publicVelo().get("/v1/invites/" + invite).then().statusCode(204);
        publicVelo().body("{\"cellphoneNumber\":\"4478009787464\"}").post("/v1/invites/" + invite + "/smsTokens").then().statusCode(409);

        publicVelo().body("{\"password\":\"" + STRONG + "\"}").post("/v1/invites/" + invite).then().statusCode(204);
        veloAs(veloToken()).get("/v1/payees/" + INVITED_PAYEE).then().body("onboardedStatus", equalTo("REGISTERED"));

        publicVelo().body("{\"cellphoneNumber\":\"4478009787464\"}").post("/v1/invites/" + invite + "/smsTokens").then().statusCode(204);
        String code = control().get("/_sim/velo/invites/" + invite).then().extract().path("smsToken");
        publicVelo().body("{\"smsChallengeToken\":\"" + (code.equals("000000") ? "111111" : "000000") + "\"}")
                .post("/v1/invites/" + invite + "/smsTokens/validate").then().statusCode(400)
                .body("errors[0].location", equalTo("smsChallengeToken"));
        publicVelo().body("{\"smsChallengeToken\":\"" + code + "\"}").post("/v1/invites/" + invite + "/smsTokens/validate").then().statusCode(204);
        publicVelo().body("{\"marketingOptIn\": true, \"acceptTermsAndConditions\": true}")
                .post("/v1/invites/" + invite + "/optionsUpdate").then().statusCode(204);

        veloAs(veloToken()).get("/v1/payees/" + INVITED_PAYEE).then()
                .body("onboardedStatus", equalTo("ONBOARDED"))
                .body("payorRefs[0].invitationStatus", equalTo("ACCEPTED"));
        publicVelo().get("/v1/invites/" + invite).then().statusCode(404);
    }

    @Test
    void optionsBeforeTheSmsCodeAreInTheWrongState() {
        String invite = inviteOf(INVITED_PAYEE);
        publicVelo().body("{\"marketingOptIn\": false, \"acceptTermsAndConditions\": true}")
                .post("/v1/invites/" + invite + "/optionsUpdate").then().statusCode(406);
    }

    @Test
    void passwordStrengthIsScoredZeroToFourWithAWarningAndSuggestions() {
        String invite = inviteOf(INVITED_PAYEE);
        publicVelo().body("{\"password\": \"jamessmith\"}").post("/v1/invites/" + invite + "/passwords/validate").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("warning", equalTo("Common names and surnames are easy to guess."))
                .body("suggestions", contains("Add another word or two.", "Uncommon words are better."));
        publicVelo().body("{\"password\": \"" + STRONG + "\"}").post("/v1/invites/" + invite + "/passwords/validate").then()
                .body("score", equalTo(4)).body("valid", equalTo(true));
    }

    @Test
    void aShortPasswordIsRefusedButTheGuidesExamplePasswordIsAccepted() {
        String invite = inviteOf(INVITED_PAYEE);
        publicVelo().body("{\"password\":\"short\"}").post("/v1/invites/" + invite).then().statusCode(400)
                .body("errors[0].location", equalTo("password"));
        publicVelo().body("{\"password\": \"myPassword\"}").post("/v1/invites/" + invite).then().statusCode(204);
    }

    @Test
    void unknownOrUsedInvitesAreNotFoundAndBadPhoneNumbersNamed() {
        publicVelo().get("/v1/invites/00000000-0000-4000-8000-000000000000").then().statusCode(404);
        publicVelo().get("/v1/invites/" + inviteOf("1b6e3c1a-0001-4a00-8000-000000000001")).then().statusCode(404);
        publicVelo().body("{\"cellphoneNumber\":\"call me\"}").post("/v1/invites/" + inviteOf(INVITED_PAYEE) + "/smsTokens").then()
                .statusCode(400).body("errors.location", hasItem("cellphoneNumber"));
    }
}
