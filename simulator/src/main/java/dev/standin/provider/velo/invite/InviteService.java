package dev.standin.provider.velo.invite;

import dev.standin.core.auth.Secrets;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.db.velo.tables.records.InviteRecord;
import dev.standin.provider.velo.auth.VeloPrincipal;
import dev.standin.provider.velo.payee.Payee;
import dev.standin.provider.velo.payee.PayeeRepository;

import java.util.List;
import java.util.UUID;

/**
 * The payee's side of onboarding, through the public invite link: set a password (the payee is
 * REGISTERED), receive and enter an SMS code, then accept the terms (the payee is ONBOARDED and the
 * invitation ACCEPTED). The SMS code is never sent anywhere: the control API shows it.
 */
public final class InviteService {
    public static final int MIN_SCORE = 3;

    /** A password's strength as zxcvbn scores it. */
    public record PasswordCheck(int score, boolean valid, String warning, List<String> suggestions) {
    }

    private final InviteRepository invites;
    private final PayeeRepository payees;
    private final IdGenerator ids;
    private final org.jooq.DSLContext dsl;
    private Zxcvbn zxcvbn;

    public InviteService(InviteRepository invites, PayeeRepository payees, IdGenerator ids, org.jooq.DSLContext dsl) {
        this.invites = invites;
        this.payees = payees;
        this.ids = ids;
        this.dsl = dsl;
    }

    /**
     * {@code POST /v1/payees/{payeeId}/invite}: a new invite for a payee invited and not yet onboarded,
     * accepted or declined (409 otherwise); the previous invite links stop working.
     */
    public Payee resend(VeloPrincipal caller, UUID payeeId, String payorId) {
        caller.requireOwn(payorId, "requestBody", false);
        Payee payee = payees.find(caller.payorId(), payeeId)
                .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "Payee not found", "payeeId", "pathParam"));
        if (Payee.ONBOARDED.equals(payee.onboardedStatus()) || !Payee.PENDING.equals(payee.invitationStatus())) {
            throw ApiError.conflict("The payee's invitation is " + payee.invitationStatus() + " (onboarded status "
                    + payee.onboardedStatus() + "): only a pending invitation of a payee not yet onboarded is resent", "payeeId");
        }
        UUID inviteId = Secrets.uuid(); // the public invite endpoints answer it without credentials: unguessable
        dsl.transaction(tx -> {
            invites.deleteOf(tx.dsl(), payeeId);
            invites.insert(tx.dsl(), inviteId, payeeId, caller.payorId());
            payees.reinvite(tx.dsl(), payeeId, inviteId);
        });
        payees.changed(caller.payorId());
        return payee;
    }

    /** An invite that can still be used: known, and its payee's invitation still PENDING. */
    public InviteRecord open(UUID inviteId) {
        InviteRecord invite = invites.find(inviteId).orElseThrow(InviteService::notFound);
        Payee payee = payees.find(invite.getPayeeId()).orElseThrow(InviteService::notFound);
        if (!Payee.PENDING.equals(payee.invitationStatus())) {
            throw notFound();
        }
        return invite;
    }

    public synchronized PasswordCheck check(String password) {
        if (zxcvbn == null) {
            zxcvbn = new Zxcvbn();
        }
        Strength s = zxcvbn.measure(password);
        String warning = s.getFeedback().getWarning();
        // zxcvbn4j can join suggestions into one string; the guide lists one sentence per entry
        List<String> suggestions = s.getFeedback().getSuggestions().stream()
                .flatMap(text -> java.util.Arrays.stream(text.split("(?<=\\.)\\s+")))
                .filter(text -> !text.isBlank()).toList();
        return new PasswordCheck(s.getScore(), s.getScore() >= MIN_SCORE, warning == null || warning.isEmpty() ? null : warning,
                suggestions);
    }

    /** Any password of 10 to 64 characters (the guide's own example is "myPassword"); strength is advisory. */
    public void setPassword(UUID inviteId, String password) {
        InviteRecord invite = open(inviteId);
        invites.passwordSet(inviteId);
        payees.setStates(invite.getPayeeId(), "REGISTERED", null, null);
    }

    /** 409 until a password is set; then a fresh 6-digit code replaces any earlier one. */
    public void sendSmsToken(UUID inviteId) {
        InviteRecord invite = open(inviteId);
        if (!invite.getPasswordSet()) {
            throw new ApiError(409, "PASSWORD_NOT_SET", "Set a password before requesting an SMS code", null, null);
        }
        invites.smsToken(inviteId, Secrets.digits(6));
    }

    public void validateSmsToken(UUID inviteId, String token) {
        InviteRecord invite = open(inviteId);
        if (invite.getSmsToken() == null || !invite.getSmsToken().equals(token)) {
            throw new ApiError(400, "OTP_INCORRECT", "The SMS code is incorrect", "smsChallengeToken", "requestBody");
        }
        invites.smsValidated(inviteId);
    }

    /** 406 unless the password is set and the SMS code validated; accepting the terms onboards the payee. */
    public void updateOptions(UUID inviteId, boolean acceptTerms) {
        InviteRecord invite = open(inviteId);
        if (!invite.getPasswordSet() || !invite.getSmsValidated()) {
            throw new ApiError(406, "INVITE_INVALID_STATE", "Set a password and validate the SMS code first", null, null);
        }
        if (acceptTerms) {
            invites.termsAccepted(inviteId);
            payees.setStates(invite.getPayeeId(), Payee.ONBOARDED, null, Payee.ACCEPTED);
        }
    }

    /** For the control API: the invite and its SMS code. */
    public InviteRecord inspect(UUID inviteId) {
        return invites.find(inviteId).orElseThrow(() -> ApiError.notFound("No invite " + inviteId));
    }

    private static ApiError notFound() {
        return new ApiError(404, "NOT_FOUND", "Invite not found", "inviteId", "pathParam");
    }
}
