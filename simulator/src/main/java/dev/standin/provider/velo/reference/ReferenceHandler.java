package dev.standin.provider.velo.reference;

import dev.standin.provider.velo.auth.AuthService;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/supportedCountries}, {@code GET /v2/currencies} and {@code GET /v1/paymentChannelRules}, as the guide lists them. */
public final class ReferenceHandler {
    private static final Map<String, List<String>> COUNTRIES = new LinkedHashMap<>();

    static {
        COUNTRIES.put("US", List.of("USD"));
        COUNTRIES.put("GB", List.of("GBP"));
        COUNTRIES.put("FR", List.of("EUR"));
        COUNTRIES.put("CA", List.of("CAD"));
        COUNTRIES.put("JP", List.of("JPY"));
    }

    private final AuthService auth;

    public ReferenceHandler(AuthService auth) {
        this.auth = auth;
    }

    public void countries(Context ctx) {
        auth.require(ctx);
        List<Map<String, Object>> countries = new ArrayList<>();
        COUNTRIES.forEach((code, currencies) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("isoCountryCode", code);
            c.put("currencies", currencies);
            countries.add(c);
        });
        ctx.json(Map.of("countries", countries));
    }

    public void currencies(Context ctx) {
        auth.require(ctx);
        List<Map<String, Object>> currencies = new ArrayList<>();
        for (Currencies.Currency c : Currencies.all()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("currency", c.code());
            item.put("maxPaymentAmount", c.maxPaymentAmount());
            currencies.add(item);
        }
        ctx.json(Map.of("currencies", currencies));
    }

    public void paymentChannelRules(Context ctx) {
        auth.require(ctx);
        ctx.json(Map.of("bank", List.of(
                country("US", rule("accountName", "Account Holder Name", 1, 100, "^.*$"),
                        rule("accountNumber", "Account Number", 6, 11, "^[0-9]{6,11}$"),
                        rule("routingNumber", "Routing Number", 9, 9, "^[0-9]{9}$")),
                country("GB", rule("accountName", "Account Holder Name", 1, 100, "^.*$"),
                        rule("accountNumber", "Account Number", 8, 8, "^[0-9]{8}$"),
                        rule("routingNumber", "Sort Code", 6, 6, "^[0-9]{6}$")))));
    }

    @SafeVarargs
    private static Map<String, Object> country(String code, Map<String, Object>... rules) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("isoCountryCode", code);
        out.put("rules", List.of(rules));
        return out;
    }

    private static Map<String, Object> rule(String element, String displayName, int min, int max, String validation) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("element", element);
        out.put("required", true);
        out.put("displayName", displayName);
        out.put("minLength", min);
        out.put("maxLength", max);
        out.put("validation", validation);
        return out;
    }
}
