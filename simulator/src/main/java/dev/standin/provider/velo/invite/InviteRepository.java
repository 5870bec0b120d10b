package dev.standin.provider.velo.invite;

import dev.standin.db.velo.tables.records.InviteRecord;
import org.jooq.DSLContext;

import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.INVITE;

/** Payee invitations, created with each payee, and how far the payee got through them. */
public final class InviteRepository {
    private final DSLContext dsl;

    public InviteRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(DSLContext tx, UUID inviteId, UUID payeeId, UUID payorId) {
        tx.insertInto(INVITE)
                .set(INVITE.INVITE_ID, inviteId)
                .set(INVITE.PAYEE_ID, payeeId)
                .set(INVITE.PAYOR_ID, payorId)
                .execute();
    }

    /** Removes every invite of the payee (a resent invitation replaces them). */
    public void deleteOf(DSLContext tx, UUID payeeId) {
        tx.deleteFrom(INVITE).where(INVITE.PAYEE_ID.eq(payeeId)).execute();
    }

    public boolean exists(UUID inviteId) {
        return find(inviteId).isPresent();
    }

    public Optional<InviteRecord> find(UUID inviteId) {
        return dsl.selectFrom(INVITE).where(INVITE.INVITE_ID.eq(inviteId)).fetchOptional();
    }

    public void passwordSet(UUID inviteId) {
        dsl.update(INVITE).set(INVITE.PASSWORD_SET, true).where(INVITE.INVITE_ID.eq(inviteId)).execute();
    }

    public void smsToken(UUID inviteId, String token) {
        dsl.update(INVITE).set(INVITE.SMS_TOKEN, token).set(INVITE.SMS_VALIDATED, false).where(INVITE.INVITE_ID.eq(inviteId)).execute();
    }

    public void smsValidated(UUID inviteId) {
        dsl.update(INVITE).set(INVITE.SMS_VALIDATED, true).where(INVITE.INVITE_ID.eq(inviteId)).execute();
    }

    public void termsAccepted(UUID inviteId) {
        dsl.update(INVITE).set(INVITE.TERMS_ACCEPTED, true).where(INVITE.INVITE_ID.eq(inviteId)).execute();
    }
}
