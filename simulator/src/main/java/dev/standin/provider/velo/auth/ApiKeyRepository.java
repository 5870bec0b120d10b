package dev.standin.provider.velo.auth;

import org.jooq.DSLContext;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.API_KEY;

/** Velo API keys: each belongs to one payor (and optionally one of its applications). */
public final class ApiKeyRepository {
    private final DSLContext dsl;

    public ApiKeyRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<VeloPrincipal> findPrincipal(String apiKey, String apiSecret) {
        return dsl.selectFrom(API_KEY)
                .where(API_KEY.API_KEY_.eq(apiKey))
                .fetchOptional()
                .filter(r -> r.getApiSecret().equals(apiSecret))
                .map(r -> new VeloPrincipal(r.getPayorId(), r.getApiKey(), splitRoles(r.getRoles())));
    }

    public boolean exists(String apiKey) {
        return dsl.fetchExists(API_KEY, API_KEY.API_KEY_.eq(apiKey));
    }

    public void create(String apiKey, String apiSecret, UUID payorId, UUID applicationId,
                       String name, String description, List<String> roles) {
        insert(dsl, apiKey, apiSecret, payorId, applicationId, name, description, roles);
    }

    public void insert(DSLContext tx, String apiKey, String apiSecret, UUID payorId, UUID applicationId,
                       String name, String description, List<String> roles) {
        tx.insertInto(API_KEY)
                .set(API_KEY.API_KEY_, apiKey)
                .set(API_KEY.API_SECRET, apiSecret)
                .set(API_KEY.PAYOR_ID, payorId)
                .set(API_KEY.APPLICATION_ID, applicationId)
                .set(API_KEY.NAME, name)
                .set(API_KEY.DESCRIPTION, description)
                .set(API_KEY.ROLES, String.join(",", roles))
                .execute();
    }

    private static List<String> splitRoles(String roles) {
        return roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
    }
}
