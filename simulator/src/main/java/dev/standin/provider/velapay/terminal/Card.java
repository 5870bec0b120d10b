package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.card.Cards;

import java.util.Locale;

/** A card the simulated customer presents: brand, entry mode, holder and number. */
record Card(String brand, String entry, String holder, String pan, String expiry) {
    static final Card DEFAULT_VISA = new Card("VISA", "CONTACTLESS", "JOHN DOE", "4111111111111111", "1230");

    /** From a control action or script: {@code {brand, entryMode, holder, pan, expiry}}, defaults from the approving Visa. */
    static Card of(JsonNode a) {
        String pan = a.path("pan").asText(DEFAULT_VISA.pan()).replaceAll("\\s", "");
        String brand = a.hasNonNull("brand") ? a.get("brand").asText().toUpperCase(Locale.ROOT) : brandOf(pan);
        return new Card(brand, a.path("entryMode").asText("CHIP").toUpperCase(Locale.ROOT),
                a.path("holder").asText("JOHN DOE").toUpperCase(Locale.ROOT), pan, a.path("expiry").asText("1230"));
    }

    String masked() {
        return "****" + pan.substring(Math.max(0, pan.length() - 4));
    }

    static String brandOf(String pan) {
        String brand = Cards.brandOf(pan);
        return brand.equals("UNKNOWN") ? "MASTERCARD" : brand; // the terminal's reader reads any card
    }
}
