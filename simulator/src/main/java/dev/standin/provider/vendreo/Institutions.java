package dev.standin.provider.vendreo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulated UK banks the hosted pages and headless checkout offer. */
final class Institutions {
    record Institution(String id, String name, String colour) {
    }

    static final List<String> FEATURES = List.of("ACCOUNT_TRANSACTIONS_WITH_MERCHANT", "INITIATE_SINGLE_PAYMENT_SORTCODE", "ACCOUNTS",
            "CREATE_SINGLE_PAYMENT_SORTCODE", "ACCOUNT", "INITIATE_DOMESTIC_VARIABLE_RECURRING_PAYMENT", "ACCOUNT_TRANSACTIONS",
            "CREATE_DOMESTIC_SINGLE_PAYMENT", "INITIATE_ACCOUNT_REQUEST", "IDENTITY", "CREATE_DOMESTIC_VARIABLE_RECURRING_PAYMENT",
            "INITIATE_DOMESTIC_SINGLE_PAYMENT", "EXISTING_PAYMENTS_DETAILS");

    static final Map<String, Institution> ALL = new LinkedHashMap<>();

    static {
        for (Institution i : List.of(new Institution("starling", "Starling Bank", "#6935d3"), new Institution("barclays", "Barclays", "#00aeef"),
                new Institution("hsbc", "HSBC UK", "#db0011"), new Institution("lloyds", "Lloyds Bank", "#006a4d"),
                new Institution("monzo", "Monzo", "#ff4f40"), new Institution("natwest", "NatWest", "#42145f"))) {
            ALL.put(i.id(), i);
        }
    }

    private Institutions() {
    }
}
