package dev.standin.provider.velo.payor;

import org.jooq.DSLContext;

import java.util.UUID;

import static dev.standin.db.velo.Tables.APPLICATION;

/** A payor's applications, which group its API keys. */
public final class ApplicationRepository {
    private final DSLContext dsl;

    public ApplicationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public boolean nameTaken(UUID payorId, String name) {
        return dsl.fetchExists(APPLICATION, APPLICATION.PAYOR_ID.eq(payorId).and(APPLICATION.NAME.eq(name)));
    }

    public boolean exists(UUID payorId, UUID applicationId) {
        return dsl.fetchExists(APPLICATION, APPLICATION.PAYOR_ID.eq(payorId).and(APPLICATION.APPLICATION_ID.eq(applicationId)));
    }

    public void insert(UUID applicationId, UUID payorId, String name, String description) {
        dsl.insertInto(APPLICATION)
                .set(APPLICATION.APPLICATION_ID, applicationId)
                .set(APPLICATION.PAYOR_ID, payorId)
                .set(APPLICATION.NAME, name)
                .set(APPLICATION.DESCRIPTION, description)
                .execute();
    }
}
