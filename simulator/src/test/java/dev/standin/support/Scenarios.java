package dev.standin.support;

/** Scenario documents the tests load. */
public final class Scenarios {
    public static final String SECOND_PAYOR_ID = "9f2d4c1e-6b3a-4d8e-a1f0-2c3b4d5e6f70";
    public static final String SECOND_API_KEY = "second-payor-key";
    public static final String SECOND_API_SECRET = "second-payor-secret";

    private Scenarios() {
    }

    /** A scenario named {@code name} seeding a second Velo payor. */
    public static String secondPayor(String name) {
        return """
                version: 1
                name: %s
                seed:
                  velo:
                    payors:
                      - payorId: %s
                        payorName: Second Payor
                        address: {line1: 1 Market Street, city: London, country: GB}
                        primaryContactName: Second Contact
                        primaryContactPhone: "+441234567890"
                        primaryContactEmail: second@example.com
                        apiKeys:
                          - {apiKey: %s, apiSecret: %s}
                """.formatted(name, SECOND_PAYOR_ID, SECOND_API_KEY, SECOND_API_SECRET);
    }
}
