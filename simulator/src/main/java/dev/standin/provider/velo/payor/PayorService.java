package dev.standin.provider.velo.payor;

import dev.standin.core.auth.Secrets;

import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.provider.velo.auth.ApiKeyRepository;
import dev.standin.provider.velo.auth.VeloPrincipal;
import org.jooq.exception.DataAccessException;

import java.util.List;
import java.util.UUID;

/**
 * Payor lookup, funding bank details, applications and API keys. A payor only ever sees itself:
 * another payor's id answers 404 exactly as an unknown one does.
 */
public final class PayorService {
    /** Newly created API credentials. */
    public record NewKey(String apiKey, String apiSecret) {
    }

    private final PayorRepository payors;
    private final ApplicationRepository applications;
    private final ApiKeyRepository keys;
    private final IdGenerator ids;

    public PayorService(PayorRepository payors, ApplicationRepository applications, ApiKeyRepository keys, IdGenerator ids) {
        this.payors = payors;
        this.applications = applications;
        this.keys = keys;
        this.ids = ids;
    }

    public Payor get(VeloPrincipal caller, UUID payorId) {
        if (!caller.payorId().equals(payorId)) {
            throw payorNotFound();
        }
        return payors.find(payorId).orElseThrow(PayorService::payorNotFound);
    }

    public void updateFundingDetails(VeloPrincipal caller, UUID payorId, String routingNumber, String accountNumber, String accountName) {
        get(caller, payorId);
        payors.updateFundingDetails(payorId, routingNumber, accountNumber, accountName);
    }

    public UUID createApplication(VeloPrincipal caller, UUID payorId, String name, String description) {
        get(caller, payorId);
        if (applications.nameTaken(payorId, name)) {
            throw ApiError.conflict("An application named '" + name + "' already exists for this payor", "name");
        }
        UUID applicationId = ids.uuid();
        try {
            applications.insert(applicationId, payorId, name, description);
        } catch (DataAccessException raceOnUniqueName) {
            throw ApiError.conflict("An application named '" + name + "' already exists for this payor", "name");
        }
        return applicationId;
    }

    public NewKey createKey(VeloPrincipal caller, UUID payorId, UUID applicationId, String name, String description, List<String> roles) {
        get(caller, payorId);
        if (!applications.exists(payorId, applicationId)) {
            throw new ApiError(404, "NOT_FOUND", "Application not found", "applicationId", "pathParam");
        }
        NewKey key = new NewKey(Secrets.uuid().toString(), Secrets.uuid().toString());
        keys.create(key.apiKey(), key.apiSecret(), payorId, applicationId, name, description, roles);
        return key;
    }

    private static ApiError payorNotFound() {
        return new ApiError(404, "NOT_FOUND", "Payor not found", "payorId", "pathParam");
    }
}
