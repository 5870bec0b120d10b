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

    public void setReminderEmailsOptOut(VeloPrincipal caller, UUID payorId, boolean optOut) {
        get(caller, payorId);
        payors.setReminderEmailsOptOut(payorId, optOut);
    }

    /** Stores the payor's logo under a new unguessable id and answers that id. */
    public String setLogo(VeloPrincipal caller, UUID payorId, String contentType, byte[] bytes) {
        get(caller, payorId);
        String logoId = Secrets.uuid().toString().replace("-", "");
        payors.setLogo(payorId, logoId, contentType, bytes);
        return logoId;
    }

    public java.util.Optional<PayorRepository.Logo> logo(String logoId) {
        return payors.logo(logoId);
    }

    /** A payor's tree below {@code rootId} (itself included), when the caller is the root or one of its ancestors. */
    public List<Payor> descendants(VeloPrincipal caller, UUID rootId) {
        Payor root = payors.find(rootId).orElseThrow(PayorService::payorNotFound);
        UUID at = root.payorId();
        int depth = 0;
        while (at != null && !at.equals(caller.payorId()) && depth++ < 100) {
            at = payors.find(at).map(Payor::parentPayorId).orElse(null);
        }
        if (at == null || !at.equals(caller.payorId())) {
            throw payorNotFound(); // another payor's tree is not the caller's to see
        }
        List<Payor> out = new java.util.ArrayList<>(List.of(root));
        for (int i = 0; i < out.size() && out.size() < 10_000; i++) {
            out.addAll(payors.children(out.get(i).payorId()));
        }
        return out;
    }

    private static ApiError payorNotFound() {
        return new ApiError(404, "NOT_FOUND", "Payor not found", "payorId", "pathParam");
    }
}
