package dev.standin.provider.vendreo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.db.vendreo.tables.records.InstalmentRecord;
import dev.standin.db.vendreo.tables.records.PaymentRecord;
import dev.standin.db.vendreo.tables.records.TxnRecord;
import org.jooq.DSLContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Creating Vendreo payment requests of every kind and reading them back. Each answers the documented
 * ids and a {@code redirect_url} on Standin's own Vendreo port (the host the client called).
 */
final class Payments {
    static final Set<String> TYPES = Set.of("SINGLE", "PERIODIC", "DYNAMIC-ONE-OFF");
    static final Set<String> FREQUENCIES = Set.of("DAILY", "WEEKLY", "FORTNIGHTLY", "MONTHLY", "QUARTERLY", "YEARLY");
    /** How many instalments an open-ended ({@code number_of_payments: 0}) schedule shows. */
    static final int OPEN_ENDED = 12;
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private final PaymentRepository repo;
    private final Lifecycle lifecycle;
    private final VirtualClock clock;
    private final IdGenerator ids;
    /** Appended to hosted page URLs: {@code ?sandbox=<id>} in a created sandbox, empty in the default one. */
    private final String pageQuery;

    Payments(PaymentRepository repo, Lifecycle lifecycle, VirtualClock clock, IdGenerator ids, String pageQuery) {
        this.repo = repo;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.ids = ids;
        this.pageQuery = pageQuery;
    }

    /** {@code POST /v1/request-payment} (and, with {@code headless}, {@code /v1/headless/request-payment}). */
    Map<String, Object> requestPayment(Application app, JsonNode body, String base, boolean headless) {
        Form f = form(app, body);
        Long amount = f.amount("amount", true);
        String type = f.in("payment_type", true, TYPES);
        String currency = f.currency("currency");
        String institution = headless ? f.in("remote_institution_id", true, upper(app.institutions())) : null;
        PaymentRecord p = common(f, app, headless ? "HEADLESS" : "REQUEST", amount, currency);
        p.setFailedUrl(f.url("failed_url", false));
        p.setBasketItems(json(f.basket()));
        Schedule schedule = "PERIODIC".equals(type) ? schedule(f, true) : null;
        f.check();
        p.setPaymentType(type.equals("PERIODIC") ? "PERIODIC" : "SINGLE");
        if (institution != null) {
            p.setInstitution(institution.toLowerCase(Locale.ROOT));
        }
        if (schedule != null) {
            p.setSubscriptionId(ids.digits(9));
            p.setFirstPaymentDate(schedule.firstText());
            p.setFrequency(schedule.frequency());
            p.setNumberOfPayments(schedule.count());
        }
        save(p, schedule == null ? List.of() : schedule.dates(), amount, amount);
        Map<String, Object> out = meta();
        out.put("payment_request_id", p.getRequestId());
        if (headless) {
            out.put("payment_uuid", p.getPaymentUuid());
            out.put("qr_code", base + "/qr/redirect/" + p.getPaymentUuid() + pageQuery);
            out.put("redirect_url", base + "/bank/" + p.getInstitution() + "/authorise/" + p.getPaymentUuid() + pageQuery);
            out.put("success", true);
        } else {
            out.put("redirect_url", base + "/payment/" + p.getPaymentUuid() + pageQuery);
        }
        if (p.getSubscriptionId() != null) {
            out.put("subscription_id", p.getSubscriptionId());
        }
        return out;
    }

    /** {@code POST /v1/create-subscription}: {@code first_amount}, then {@code recurring_amount} at {@code frequency}. */
    Map<String, Object> createSubscription(Application app, JsonNode body, String base) {
        Form f = form(app, body);
        Long first = f.amount("first_amount", true);
        Long recurring = f.amount("recurring_amount", true);
        String currency = f.currency("currency");
        PaymentRecord p = common(f, app, "SUBSCRIPTION", first, currency);
        Schedule schedule = schedule(f, false);
        f.check();
        p.setPaymentType("PERIODIC");
        p.setRecurringAmount(recurring);
        p.setSubscriptionId(ids.digits(9));
        p.setFirstPaymentDate(schedule.firstText());
        p.setFrequency(schedule.frequency());
        p.setNumberOfPayments(schedule.count());
        save(p, schedule.dates(), first, recurring);
        Map<String, Object> out = meta();
        out.put("payment_request_id", p.getRequestId());
        out.put("redirect_url", base + "/payment/" + p.getPaymentUuid() + pageQuery);
        out.put("subscription_id", p.getSubscriptionId());
        return out;
    }

    /** {@code POST /v1/request-outgoing-payment}: a payout, optionally refunding one of the application's completed payments. */
    Map<String, Object> requestOutgoing(Application app, JsonNode body, String base) {
        Form f = form(app, body);
        Long amount = f.amount("amount", true);
        String currency = f.currency("currency");
        String name = f.string("account_name", true, 128);
        String number = f.digits("account_number", true, 8);
        String sortCode = f.digits("sort_code", true, 6);
        String original = f.string("original_payment_uuid", false, 36);
        PaymentRecord p = common(f, app, "OUTGOING", amount, currency);
        f.check();
        p.setPaymentType("SINGLE");
        p.setAccountName(name);
        p.setAccountNumber(number);
        p.setSortCode(sortCode);
        p.setOriginalPaymentUuid(original);
        repo.dsl().transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            if (original != null) {
                PaymentRecord o = repo.ofApplication(tx, app.key(), original).orElse(null);
                Form refund = new Form(body);
                if (o == null || !o.getStatus().equals("COMPLETED") || o.getKind().equals("OUTGOING")) {
                    refund.fail("original_payment_uuid", "The selected original payment uuid is invalid.");
                } else {
                    long left = o.getAmount() - repo.refunded(tx, original);
                    if (amount > left) {
                        refund.fail("amount", "The amount may not be greater than " + left + " (what is left to refund of the original payment).");
                    }
                }
                refund.check();
            }
            repo.insert(tx, p);
            lifecycle.scheduleExpiry(tx, p);
        });
        Map<String, Object> out = meta();
        out.put("outgoing_payment_request_id", p.getRequestId());
        out.put("redirect_url", base + "/dynamic-payment/" + p.getPaymentUuid() + pageQuery);
        return out;
    }

    /** {@code POST /v1/request-a-payment}: a payment link. */
    Map<String, Object> requestAPayment(Application app, JsonNode body, String base) {
        Form f = form(app, body);
        Long amount = f.amount("amount", true);
        String currency = f.currency("currency");
        PaymentRecord p = common(f, app, "LINK", amount, currency);
        f.check();
        p.setPaymentType("SINGLE");
        save(p, List.of(), amount, amount);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("redirect_url", base + "/pay/" + p.getPaymentUuid() + pageQuery);
        out.put("request_a_payment_id", p.getRequestId());
        out.putAll(meta());
        return out;
    }

    private Form form(Application app, JsonNode body) {
        Form f = new Form(body);
        String key = f.string("application_key", true, 64);
        if (key != null && !key.equals(app.key())) {
            throw new ApiError(401, "UNAUTHENTICATED", "Unauthenticated.", null, null);
        }
        return f;
    }

    private PaymentRecord common(Form f, Application app, String kind, Long amount, String currency) {
        long now = clock.now().toEpochMilli();
        PaymentRecord p = new PaymentRecord();
        p.setPaymentUuid(ids.uuidString());
        p.setApplicationKey(app.key());
        p.setRequestId(ids.digits(9));
        p.setKind(kind);
        p.setAmount(amount == null ? 0 : amount);
        p.setCurrency(currency == null ? "GBP" : currency);
        p.setDescription(f.string("description", false, 255));
        p.setReferenceId(f.string("reference_id", false, 255));
        p.setRedirectUrl(f.url("redirect_url", !kind.equals("OUTGOING")));
        p.setOptions(f.options());
        f.string("country_code", false, 2);
        p.setStatus("PENDING");
        p.setPaymentReference("VND" + ids.alphanumeric(5).toUpperCase(Locale.ROOT));
        p.setRefundedAmount(0L);
        p.setAuthorised(false);
        p.setCreated(now);
        p.setUpdated(now);
        return p;
    }

    /** A PERIODIC schedule: the first date ({@code first_payment_date} dd/mm/yyyy, or today), the frequency and the count. */
    record Schedule(String firstText, String frequency, int count, List<LocalDate> dates) {
    }

    private Schedule schedule(Form f, boolean needsFirstDate) {
        String text = f.string("first_payment_date", needsFirstDate, 10);
        String frequency = f.in("frequency", true, FREQUENCIES);
        Integer count = f.integer("number_of_payments", needsFirstDate, 0, 520);
        LocalDate today = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);
        LocalDate first = today;
        if (text != null) {
            try {
                first = LocalDate.parse(text, DMY); // a past date is accepted (the document's own example is one): its instalments fall due at once
            } catch (DateTimeParseException e) {
                f.fail("first_payment_date", "The first payment date does not match the format d/m/Y.");
            }
        }
        int n = count == null ? 0 : count;
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < (n == 0 ? OPEN_ENDED : n) && frequency != null; i++) {
            dates.add(switch (frequency) {
                case "DAILY" -> first.plusDays(i);
                case "WEEKLY" -> first.plusWeeks(i);
                case "FORTNIGHTLY" -> first.plusWeeks(2L * i);
                case "MONTHLY" -> first.plusMonths(i);
                case "QUARTERLY" -> first.plusMonths(3L * i);
                default -> first.plusYears(i);
            });
        }
        return new Schedule(DMY.format(first), frequency == null ? null : frequency.toLowerCase(Locale.ROOT), n, dates);
    }

    private void save(PaymentRecord p, List<LocalDate> dates, long first, long recurring) {
        repo.dsl().transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            repo.insert(tx, p);
            for (int i = 0; i < dates.size(); i++) {
                repo.insert(tx, new InstalmentRecord(p.getPaymentUuid(), i + 1, i == 0 ? first : recurring, p.getCurrency(),
                        dates.get(i).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), "SCHEDULED"));
            }
            lifecycle.scheduleExpiry(tx, p);
        });
    }

    /** {@code GET /v1/payment/{payment}}. */
    Map<String, Object> get(Application app, String uuid) {
        PaymentRecord p = repo.ofApplication(repo.dsl(), app.key(), uuid).orElseThrow(() -> notFound(uuid));
        Map<String, Object> out = view(p);
        out.putAll(meta());
        return out;
    }

    /** {@code GET /v1/payments}: the listed uuids (from the JSON body of the GET, or repeated {@code payments} query parameters). */
    List<Map<String, Object>> list(Application app, List<String> uuids) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String uuid : uuids) {
            repo.ofApplication(repo.dsl(), app.key(), uuid).ifPresent(p -> out.add(view(p)));
        }
        return out;
    }

    private static ApiError notFound(String uuid) {
        return new ApiError(422, List.of(new ApiError.Violation("The selected payment is invalid.", "INVALID", "payment", "pathParam")));
    }

    Map<String, Object> view(PaymentRecord p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("amount", Long.toString(p.getAmount()));
        out.put("payment_uuid", p.getPaymentUuid());
        out.put("status", p.getStatus());
        out.put("payment_reference", p.getPaymentReference());
        out.put("payment_type", p.getPaymentType());
        List<Map<String, Object>> transactions = new ArrayList<>();
        for (TxnRecord t : repo.transactions(p.getPaymentUuid())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("amount", Long.toString(t.getAmount()));
            m.put("currency", t.getCurrency());
            m.put("cross_checked", t.getCrossChecked());
            m.put("completed", t.getCompleted());
            if (t.getDateCompleted() != null) {
                m.put("date_completed", DATE_TIME.format(Instant.ofEpochMilli(t.getDateCompleted())));
            }
            m.put("date_estimated", DATE_TIME.format(Instant.ofEpochMilli(t.getDateEstimated())));
            transactions.add(m);
        }
        out.put("transactions", transactions);
        List<Map<String, Object>> scheduled = new ArrayList<>();
        for (InstalmentRecord i : repo.instalments(repo.dsl(), p.getPaymentUuid())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("amount", Long.toString(i.getAmount()));
            m.put("currency", i.getCurrency());
            m.put("date_scheduled", DATE_TIME.format(Instant.ofEpochMilli(i.getDateScheduled())));
            m.put("expired", i.getStatus().equals("EXPIRED"));
            m.put("cross_checked", i.getStatus().equals("COMPLETED"));
            m.put("completed", !i.getStatus().equals("SCHEDULED"));
            m.put("success", i.getStatus().equals("COMPLETED"));
            scheduled.add(m);
        }
        out.put("scheduled", scheduled);
        if (p.getReferenceId() != null) {
            out.put("reference_id", p.getReferenceId());
        }
        return out;
    }

    Map<String, Object> meta() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("meta", Map.of("tracing_id", ids.uuidString()));
        return out;
    }

    private static Set<String> upper(List<String> values) {
        Set<String> out = new java.util.HashSet<>();
        values.forEach(v -> out.add(v.toUpperCase(Locale.ROOT)));
        return out;
    }

    private static String json(JsonNode node) {
        return node == null ? null : node.toString();
    }
}
