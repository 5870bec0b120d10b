package dev.standin.provider.velo.payee;

import dev.standin.core.auth.Secrets;

import dev.standin.provider.velo.invite.InviteRepository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.json.Json;
import dev.standin.provider.velo.CsvUpload;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.Violations;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.db.velo.tables.records.PayeeBatchRecord;
import dev.standin.provider.velo.VeloEvents;
import dev.standin.provider.velo.VeloModule;
import dev.standin.provider.velo.VeloPage;
import dev.standin.provider.velo.auth.VeloPrincipal;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Payee creation in batches and the payee lifecycle: a batch is processed on the virtual clock;
 * each created payee is INVITED with a PENDING invitation and a PENDING OFAC check that later
 * PASSES (or FAILS for the documented trigger).
 */
public final class PayeeService {
    public static final int MAX_BATCH = 2000;
    static final Duration BATCH_DELAY = Duration.ofSeconds(1);
    static final Duration OFAC_DELAY = Duration.ofSeconds(2);
    /** Payees whose email starts with this fail the OFAC check (the documented way to trigger it). */
    static final String OFAC_FAIL_PREFIX = "ofacfail";

    private final PayeeRepository payees;
    private final PayeeBatchRepository batches;
    private final InviteRepository invites;
    private final DSLContext dsl;
    private final VirtualClock clock;
    private final Scheduler scheduler;
    private final IdGenerator ids;
    private final ScenarioRegistry settings;
    private final VeloEvents events;

    public PayeeService(PayeeRepository payees, PayeeBatchRepository batches, InviteRepository invites, DSLContext dsl,
                        VirtualClock clock, Scheduler scheduler, IdGenerator ids, ScenarioRegistry settings, VeloEvents events) {
        this.events = events;
        this.payees = payees;
        this.batches = batches;
        this.invites = invites;
        this.dsl = dsl;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ids = ids;
        this.settings = settings;
        scheduler.register(BATCH_KIND, batchId -> process(UUID.fromString(batchId)));
        scheduler.register(OFAC_KIND, this::screenWhenDue);
    }

    /** A CSV row refused before the batch: its line, content and why. */
    public record RejectedRow(int lineNumber, String rejectedContent, String reason) {
        /** As the document types it, one string per row: "line 4: email: must be ... [the row]". */
        public String describe() {
            return "line " + lineNumber + ": " + reason + " [" + rejectedContent + "]";
        }
    }

    /** The batch made from a CSV upload, and the rows left out of it. */
    public record CsvBatch(UUID batchId, List<RejectedRow> rejectedCsvRows) {
    }

    /**
     * A CSV upload: rows breaking a field rule are left out and reported; the others form a batch
     * (409 for in-batch duplicates, 400 when no row is valid).
     */
    public CsvBatch submitCsv(VeloPrincipal caller, String payorId, List<CsvUpload.Row> rows) {
        caller.requireOwn(payorId, "requestBody", false);
        LocalDate today = clock.now().atOffset(ZoneOffset.UTC).toLocalDate();
        ArrayNode valid = Json.mapper().createArrayNode();
        List<RejectedRow> rejected = new ArrayList<>();
        for (CsvUpload.Row row : rows) {
            ObjectNode submission = PayeeCsv.toSubmission(row);
            Violations v = new Violations();
            PayeeSubmissionRules.check(submission, v, today);
            try {
                v.throwIfAny();
                valid.add(submission);
            } catch (ApiError e) {
                rejected.add(new RejectedRow(row.lineNumber(), row.content(),
                        String.join("; ", e.violations().stream().map(ApiError.Violation::message).toList())));
            }
        }
        if (valid.isEmpty() || valid.size() > MAX_BATCH) {
            throw new ApiError(400, "INVALID_VALUE", valid.isEmpty() ? "The CSV holds no valid payee rows: "
                    + rejected.stream().map(r -> "line " + r.lineNumber() + ": " + r.reason()).toList()
                    : "A batch holds at most " + MAX_BATCH + " payees", "file", "requestBody");
        }
        PayeeSubmissionRules.rejectDuplicates(valid);
        return new CsvBatch(store(caller, valid), rejected);
    }

    /** Validates a JSON batch as a whole (400 per field, 409 for in-batch duplicates), stores it and schedules its processing. */
    public UUID submit(VeloPrincipal caller, JsonNode body) {
        Violations v = new Violations();
        String payorId = v.text(body, "payorId", 36, 36, true);
        JsonNode list = body.path("payees");
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_BATCH) {
            v.add("payees", "payees: size must be between 1 and " + MAX_BATCH + " inclusive");
        } else {
            LocalDate today = clock.now().atOffset(ZoneOffset.UTC).toLocalDate();
            list.forEach(PayeeNames::normalize);
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isObject()) {
                    v.add("payees[" + i + "]", "payees[" + i + "] must be an object");
                } else {
                    PayeeSubmissionRules.check(list.get(i), v.at("payees[" + i + "]"), today);
                }
            }
        }
        v.throwIfAny();
        caller.requireOwn(payorId, "requestBody", false);
        PayeeSubmissionRules.rejectDuplicates(list);
        return store(caller, list);
    }

    private UUID store(VeloPrincipal caller, JsonNode payees) {
        UUID batchId = ids.uuid();
        Scheduler.Stored processing = scheduler.prepare(VeloModule.NAME, BATCH_KIND, batchId.toString(), "payee batch " + batchId,
                settings.delay("veloPayeeBatchDelay", BATCH_DELAY));
        dsl.transaction(tx -> {
            batches.insert(tx.dsl(), batchId, caller.payorId(), payees, now());
            scheduler.save(tx.dsl(), processing);
        });
        return batchId;
    }

    /** Creates the batch's payees; a remote id or email the payor already uses fails that submission. */
    void process(UUID batchId) {
        PayeeBatchRecord batch = batches.find(batchId).orElse(null);
        if (batch == null) {
            return;
        }
        List<Scheduler.Stored> screenings = new java.util.ArrayList<>();
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            screenings.clear();
            for (PayeeBatchRepository.Submission s : batches.submissions(batchId)) {
                if (s.processed()) {
                    continue;
                }
                String failure = create(t, batch.getPayorId(), batchId, s.payee(), screenings);
                batches.markProcessed(t, batchId, s.position(), failure);
            }
            batches.accept(t, batchId);
            scheduler.saveAll(t, screenings);
        });
        payees.changed(batch.getPayorId());
    }

    private String create(DSLContext tx, UUID payorId, UUID batchId, JsonNode p, List<Scheduler.Stored> screenings) {
        String remoteId = p.path("remoteId").asText();
        if (payees.findByRemoteId(tx, payorId, remoteId).isPresent()) {
            return "Remote id '" + remoteId + "' is already in use by this payor";
        }
        if (payees.emailTaken(tx, payorId, p.path("email").asText())) {
            return "Email '" + p.path("email").asText() + "' is already in use by this payor";
        }
        UUID payeeId = ids.uuid();
        UUID inviteId = Secrets.uuid(); // the public invite endpoints answer it without credentials: unguessable
        payees.insert(tx, new Payee(payeeId, payorId, remoteId, p.path("type").asText(), p.path("email").asText(),
                Payee.displayNameOf(p), p.path("address").path("country").asText(null), p.path("language").asText("EN"),
                p.path("paymentChannel").path("currency").asText(null),
                "INVITED", Payee.PENDING, Payee.PENDING, inviteId, batchId, now(), p));
        invites.insert(tx, inviteId, payeeId, payorId);
        screenings.add(scheduler.prepare(VeloModule.NAME, OFAC_KIND, payeeId.toString(), "OFAC check " + payeeId,
                settings.delay("veloOfacCheckDelay", OFAC_DELAY)));
        return null;
    }

    /** Stored step kinds: a payee batch's processing (subject: batch id) and a payee's OFAC check (subject: payee id). */
    static final String BATCH_KIND = "velo.payee.batch";
    static final String OFAC_KIND = "velo.payee.ofac";

    /** A payee's OFAC check, when it falls due (also after a restart): rules on {@code payee.ofac} may intervene. */
    private void screenWhenDue(String subject) {
        UUID payeeId = UUID.fromString(subject);
        // screen reads the payee and screens it only while its check is PENDING
        events.around("payee.ofac", () -> payees.find(payeeId).map(payee -> new LifecycleEvents.Subject(payee.payorId().toString(),
                        java.util.Map.of("payeeId", payeeId, "remoteId", payee.remoteId(), "email", payee.email()))),
                () -> screen(payeeId), outcome -> payees.setStates(payeeId, null, Payee.FAILED, null));
    }

    /** The OFAC screening result: FAILED for the documented trigger, PASSED otherwise. */
    void screen(UUID payeeId) {
        payees.find(payeeId).filter(p -> Payee.PENDING.equals(p.ofacStatus())).ifPresent(p -> {
            boolean hit = p.email().toLowerCase(Locale.ROOT).startsWith(OFAC_FAIL_PREFIX);
            payees.setStates(payeeId, null, hit ? Payee.FAILED : Payee.PASSED, null);
        });
    }

    public PayeeBatchRecord batch(VeloPrincipal caller, UUID batchId) {
        return batches.find(caller.payorId(), batchId)
                .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "Batch not found", "batchId", "pathParam"));
    }

    public List<PayeeBatchRepository.Submission> submissions(UUID batchId) {
        return batches.submissions(batchId);
    }

    public PayeeRepository.Page list(VeloPrincipal caller, String payorId, PayeeRepository.Filter filter, VeloPage page) {
        caller.requireOwn(payorId, "queryParam", true);
        return payees.list(caller.payorId(), filter, page);
    }

    public java.util.Map<String, Integer> summary(VeloPrincipal caller) {
        return payees.summary(caller.payorId());
    }

    public Payee get(VeloPrincipal caller, UUID payeeId) {
        return payees.find(caller.payorId(), payeeId)
                .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "Payee not found", "payeeId", "pathParam"));
    }

    /**
     * {@code DELETE /v1/payees/{payeeId}}: only an onboarded payee without payments may go (the
     * document's rules); otherwise 400 saying which rule stops it.
     */
    public void delete(VeloPrincipal caller, UUID payeeId) {
        Payee payee = get(caller, payeeId);
        if (!Payee.ONBOARDED.equals(payee.onboardedStatus())) {
            throw new ApiError(400, "PAYEE_NOT_ONBOARDED", "Payee " + payeeId + " is " + payee.onboardedStatus()
                    + ": only an onboarded payee can be deleted", "payeeId", "pathParam");
        }
        long[] payments = payees.payments(payee);
        if (payments[0] > 0) {
            throw new ApiError(400, "PAYEE_HAS_PAYMENTS", "Payee " + payeeId + " has " + payments[0] + " payment(s), "
                    + payments[1] + " of them in flight: a payee with payments cannot be deleted", "payeeId", "pathParam");
        }
        dsl.transaction(tx -> payees.delete(tx.dsl(), payeeId));
        payees.changed(caller.payorId());
    }

    /** {@code GET /v1/deltas/payees}: the payor's payees changed since {@code since}. */
    public PayeeRepository.PageOf<PayeeRepository.Change> changes(VeloPrincipal caller, String payorId,
                                                                  java.time.OffsetDateTime since, VeloPage page) {
        caller.requireOwn(payorId, "queryParam", false);
        return payees.changesSince(caller.payorId(), since, page.offset(), page.pageSize());
    }

    /** For the control API: any payor's payee. */
    public Payee inspect(UUID payeeId) {
        return payees.find(payeeId).orElseThrow(() -> ApiError.notFound("No payee " + payeeId));
    }

    /** The control API's override of a payee's states (QA moves onboarding and OFAC by hand). */
    public Payee setStates(UUID payeeId, String onboardedStatus, String ofacStatus, String invitationStatus) {
        payees.find(payeeId).orElseThrow(() -> ApiError.notFound("No payee " + payeeId));
        payees.setStates(payeeId, onboardedStatus, ofacStatus, invitationStatus);
        return payees.find(payeeId).orElseThrow();
    }

    private OffsetDateTime now() {
        return clock.now().atOffset(ZoneOffset.UTC);
    }
}
