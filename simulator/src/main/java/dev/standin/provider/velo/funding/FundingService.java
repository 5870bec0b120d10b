package dev.standin.provider.velo.funding;

import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.provider.velo.VeloEvents;
import dev.standin.provider.velo.VeloModule;
import dev.standin.provider.velo.VeloPage;
import dev.standin.provider.velo.auth.VeloPrincipal;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Source accounts and ACH funding: a request is PENDING, then credited to the balance after a delay
 * on the virtual clock (exactly once), after which payments waiting for funds proceed.
 */
public final class FundingService {
    static final Duration FUNDING_DELAY = Duration.ofSeconds(2);

    private final SourceAccountRepository accounts;
    private final FundingRepository fundings;
    private final DSLContext dsl;
    private final VirtualClock clock;
    private final Scheduler scheduler;
    private final IdGenerator ids;
    private final ScenarioRegistry settings;
    private Consumer<UUID> onCredited = account -> {
    };
    private final VeloEvents events;

    public FundingService(SourceAccountRepository accounts, FundingRepository fundings, DSLContext dsl, VirtualClock clock,
                          Scheduler scheduler, IdGenerator ids, ScenarioRegistry settings, VeloEvents events) {
        this.events = events;
        this.accounts = accounts;
        this.fundings = fundings;
        this.dsl = dsl;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ids = ids;
        this.settings = settings;
        scheduler.register(CREDIT_KIND, this::creditWhenDue);
    }

    /** Called with the source account id after each credit (payments waiting for funds resume). */
    public void onCredited(Consumer<UUID> listener) {
        this.onCredited = listener;
    }

    public SourceAccount get(VeloPrincipal caller, UUID id) {
        return accounts.find(caller.payorId(), id)
                .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "Source account not found", "sourceAccountId", "pathParam"));
    }

    public SourceAccountRepository.Page list(VeloPrincipal caller, String payorId, String physicalAccountName, VeloPage page) {
        caller.requireOwn(payorId, "queryParam", true);
        return accounts.list(caller.payorId(), physicalAccountName, page);
    }

    /** Sets the account's low-balance threshold and checks the balance against it at once. */
    public void setMinimumBalance(VeloPrincipal caller, UUID sourceAccountId, long minimum, java.util.function.Consumer<UUID> check) {
        get(caller, sourceAccountId);
        accounts.setMinimumBalance(sourceAccountId, minimum);
        check.accept(sourceAccountId);
    }

    /** An ACH funding request ({@code /v1/.../achFundingRequest}, {@code /v2/.../fundingRequest}: the same flow). */
    public UUID requestAch(VeloPrincipal caller, UUID sourceAccountId, long amount) {
        SourceAccount account = get(caller, sourceAccountId);
        UUID fundingId = ids.uuid();
        Scheduler.Stored crediting = scheduler.prepare(VeloModule.NAME, CREDIT_KIND, fundingId.toString(), "ACH funding " + fundingId,
                settings.delay("veloFundingDelay", FUNDING_DELAY));
        dsl.transaction(tx -> {
            fundings.insert(tx.dsl(), fundingId, caller.payorId(), account.id(), amount, account.currency(), now());
            fundings.event(tx.dsl(), fundingId, ids.uuid(), "PAYOR_FUNDING_REQUESTED", now());
            scheduler.save(tx.dsl(), crediting);
        });
        return fundingId;
    }

    /** The stored step kind of an ACH funding's arrival; its subject is the funding id. */
    static final String CREDIT_KIND = "velo.funding.credit";

    /** An ACH funding's arrival, when it falls due (also after a restart): rules on {@code funding.credit} may intervene. */
    private void creditWhenDue(String subject) {
        UUID fundingId = UUID.fromString(subject);
        // credit completes only a funding still pending, in its own transaction
        events.around("funding.credit", () -> fundings.find(fundingId).map(f -> {
                    SourceAccount account = accounts.find(f.getPayorId(), f.getSourceAccountId()).orElse(null);
                    return new LifecycleEvents.Subject(f.getPayorId().toString(), java.util.Map.of("fundingId", fundingId,
                            "amount", f.getAmount(), "sourceAccountId", f.getSourceAccountId(),
                            "sourceAccountName", account == null ? "" : account.name()));
                }),
                () -> credit(fundingId), outcome -> returned(fundingId));
    }

    /** The outcome {@code return}: the bank returned the ACH funding; FAILED, nothing credited. */
    void returned(UUID fundingId) {
        dsl.transaction(tx -> {
            if (fundings.complete(tx.dsl(), fundingId, "FAILED", now())) {
                fundings.event(tx.dsl(), fundingId, ids.uuid(), "PAYOR_FUNDING_RETURN_RECEIVED", now());
            }
        });
    }

    void credit(UUID fundingId) {
        fundings.find(fundingId).ifPresent(f -> {
            boolean credited = dsl.transactionResult(tx -> {
                if (!fundings.complete(tx.dsl(), fundingId, "CREDIT", now())) {
                    return false;
                }
                accounts.credit(tx.dsl(), f.getSourceAccountId(), f.getAmount());
                fundings.event(tx.dsl(), fundingId, ids.uuid(), "PAYOR_FUNDING_DETECTED", now());
                return true;
            });
            if (credited) {
                onCredited.accept(f.getSourceAccountId());
            }
        });
    }

    private OffsetDateTime now() {
        return clock.now().atOffset(ZoneOffset.UTC);
    }
}
