package dev.standin.provider.qolo;

import dev.standin.StandinServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import static dev.standin.support.AcceptanceTest.on;
import static org.hamcrest.Matchers.equalTo;

/** A Qolo API client for the tests: logins, requests with a token, and the few steps many tests take. */
public final class QoloClient {
    static final String PROGRAM = "5e0c1a2b-0000-4000-8000-00000000q001";
    static final String PERSON = """
            {"program_guid":"%s","person_details":{"first_name":"Ada","last_name":"%s","email":"ada@example.com",
             "birth_date":"1990-04-01","identifications":[{"govt_id_type":"SSN","govt_id_number":"%s"}],
             "addresses":[{"address_line1":"1 Main St","city":"Austin","state":"TX","postal_code":"73301","country":"USA"}]},
             "account_currencies":["USD"],"account_type":"PREPAID","account_name":"Main"}""";

    private final StandinServer server;

    public QoloClient(StandinServer server) {
        this.server = server;
    }

    RequestSpecification qolo() {
        return on(server, "qolo");
    }

    /** A token of any login (a created sandbox's, say). */
    public String login(String loginid, String apikey) {
        return qolo().contentType(ContentType.JSON).body("{\"loginid\":\"" + loginid + "\",\"apikey\":\"" + apikey + "\"}")
                .post("/api/v1/auth/login").then().statusCode(200).body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(43200)).extract().path("access_token");
    }

    /** A token of the default program's full login. */
    public String token() {
        return login("qolo-demo", "qolo-demo-apikey");
    }

    RequestSpecification as(String token) {
        return qolo().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static String person(String lastName, String idNumber) {
        return PERSON.formatted(PROGRAM, lastName, idNumber);
    }

    /** A new person's active card: {person, account, card}. */
    public String[] activeCard(String token) {
        JsonPath card = as(token).body("{\"person\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"birth_date\":\"1990-04-01\"}}")
                .post("/api/v1/cards").then().statusCode(201).extract().jsonPath();
        String proxy = card.getString("card_proxy");
        as(token).post("/api/v1/cards/" + proxy + "/activate").then().statusCode(200).body("card_status", equalTo("ACTIVE"));
        return new String[]{card.getString("person_guid"), card.getString("account_guid"), proxy};
    }

    /** Loads a card from the partner (money entering the program). */
    public void load(String token, String reference, String proxy, String amount) {
        as(token).body("{\"client_reference_id\":\"" + reference + "\",\"transfer_type\":\"PARTNERTOCARD\",\"amount\":" + amount
                + ",\"currency\":\"USD\",\"destination\":{\"card_proxy\":\"" + proxy + "\"}}").post("/api/v1/transfers").then().statusCode(201);
    }
}
