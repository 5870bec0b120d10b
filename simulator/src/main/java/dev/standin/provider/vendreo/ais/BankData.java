package dev.standin.provider.vendreo.ais;

import dev.standin.core.id.IdGenerator;
import dev.standin.db.vendreo.tables.records.AisConsentRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A consent's synthetic bank data: drawn from the core id generator seeded by the consent's id, so the
 * same consent always shows the same accounts, and transactions whose running balances end at the
 * account's balance. Transactions cover the 90 days up to the day of the consent.
 */
public final class BankData {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String[] MERCHANTS = {"TESCO STORES", "TFL TRAVEL", "AMAZON UK", "PRET A MANGER", "SHELL", "NETFLIX", "BOOTS",
            "SAINSBURYS", "COSTA COFFEE", "UBER"};

    /** An account with its transactions, newest first, each with the balance after it. */
    public record Account(Map<String, Object> view, List<Map<String, Object>> transactions) {
    }

    private final List<Account> accounts = new ArrayList<>();
    private final LocalDate day;

    public BankData(AisConsentRecord consent) {
        IdGenerator random = new IdGenerator(consent.getConsentUuid().hashCode(), "ais", 0);
        this.day = Instant.ofEpochMilli(consent.getCreated()).atZone(ZoneOffset.UTC).toLocalDate();
        String[][] kinds = {{"CURRENT", "Current Account"}, {"SAVINGS", "Easy Saver"}};
        for (String[] kind : kinds) {
            String id = random.uuidString();
            long balance = 50_000 + random.nextInt(450_000);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("bank_account_id", id);
            view.put("account_name", kind[1]);
            view.put("account_type", kind[0]);
            view.put("sort_code", "40" + random.digits(4));
            view.put("account_number", random.digits(8));
            view.put("currency", "GBP");
            view.put("balance", balance);
            view.put("available_balance", balance);
            accounts.add(new Account(view, transactions(random, balance, kind[0].equals("SAVINGS"))));
        }
    }

    private List<Map<String, Object>> transactions(IdGenerator random, long balance, boolean savings) {
        List<Map<String, Object>> out = new ArrayList<>();
        long after = balance;
        for (int back = 0; back < 90; back++) {
            LocalDate date = day.minusDays(back);
            int count = savings ? (date.getDayOfMonth() == 1 ? 1 : 0) : random.nextInt(3);
            for (int i = 0; i < count; i++) {
                boolean credit = savings || date.getDayOfMonth() == 25 && i == 0;
                long amount = savings ? 10_000 : credit ? 250_000 : 150 + random.nextInt(8_000);
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("transaction_id", random.uuidString());
                t.put("date", DATE_TIME.format(date.atTime(9 + (count - 1 - i) * 3, 0).toInstant(ZoneOffset.UTC))); // newest first
                t.put("description", savings ? "MONTHLY SAVING" : credit ? "SALARY ACME LTD" : MERCHANTS[random.nextInt(MERCHANTS.length)]);
                t.put("type", credit ? "CREDIT" : "DEBIT");
                t.put("amount", credit ? amount : -amount);
                t.put("currency", "GBP");
                t.put("balance", after);
                after -= credit ? amount : -amount;
                out.add(t);
            }
        }
        return out;
    }

    public List<Account> accounts() {
        return accounts;
    }

    public LocalDate day() {
        return day;
    }
}
