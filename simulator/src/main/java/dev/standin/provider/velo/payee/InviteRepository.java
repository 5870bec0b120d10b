package dev.standin.provider.velo.payee;

import org.jooq.DSLContext;

import java.util.UUID;

import static dev.standin.db.velo.Tables.INVITE;

/** Payee invitations, created with each payee. */
public final class InviteRepository {

    public void insert(DSLContext tx, UUID inviteId, UUID payeeId, UUID payorId) {
        tx.insertInto(INVITE)
                .set(INVITE.INVITE_ID, inviteId)
                .set(INVITE.PAYEE_ID, payeeId)
                .set(INVITE.PAYOR_ID, payorId)
                .execute();
    }
}
