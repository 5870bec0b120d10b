package dev.standin.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.StatusType;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.anyOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageContains;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageContainsRegexp;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.pathContains;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.responseStatusTypeIs;

/**
 * Every Velo response the acceptance tests receive is checked against Velo's published OpenAPI
 * document (v2.14, {@code ../shared/specs/velo-openapi-2.14.json}, or the file named by
 * {@code STANDIN_VELO_SPEC}) when that file exists: a response a generated client could not read
 * fails the test that received it. The document's known defects are excused one by one, by name.
 * (Standin's own {@code openapi/velo.yaml} is checked by {@link ApiContracts}, as every API's.)
 */
public final class VeloPublishedContract implements Filter {
    static final String SPEC_NAME = "velo-openapi-2.14.json";

    /** Watched Velo ports, each while the server that bound it serves (a closed server's port may be reused by anyone). */
    private static final java.util.Map<Integer, java.util.function.BooleanSupplier> VELO_PORTS = new ConcurrentHashMap<>();
    private static final Optional<Path> SPEC = locate();
    private static volatile OpenApiInteractionValidator validator;

    /** Registers a server's Velo port: responses from it are checked while {@code serving}. */
    static void watch(int port, java.util.function.BooleanSupplier serving) {
        VELO_PORTS.put(port, serving);
    }

    /** The published document, when this machine has it. */
    public static Optional<Path> spec() {
        return SPEC;
    }

    private static Optional<Path> locate() {
        String named = System.getenv("STANDIN_VELO_SPEC");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isRegularFile);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; dir != null && up < 4; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("specs").resolve(SPEC_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        System.err.println("[contract] " + SPEC_NAME + " not found (../shared/specs or STANDIN_VELO_SPEC): "
                + "Velo responses are not checked against the published document");
        return Optional.empty();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        if (ApiContracts.isOff() || !VELO_PORTS.getOrDefault(request.getPort(), () -> false).getAsBoolean()) {
            return response;
        }
        String path = URI.create(request.getURI()).getRawPath();
        Request.Method method = Request.Method.valueOf(request.getMethod().toUpperCase());
        if (SPEC.isPresent()) {
            check("Velo's published OpenAPI document", validator(), path, method, response);
        }
        return response;
    }

    private static void check(String document, OpenApiInteractionValidator against, String path, Request.Method method,
                              Response response) {
        ValidationReport report = against.validateResponse(path, method, RestAssuredResponse.of(response));
        if (report.hasErrors()) {
            throw new AssertionError(document + " refuses the answer to " + method + " " + path
                    + " (" + response.statusCode() + "):\n" + report.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .map(VeloPublishedContract::describe).reduce((a, b) -> a + "\n" + b).orElse("")
                    + "\nbody: " + response.asString());
        }
    }

    private static String describe(ValidationReport.Message m) {
        StringBuilder out = new StringBuilder("  " + m.getKey() + ": " + m.getMessage());
        for (ValidationReport.Message nested : m.getNestedMessages()) {
            out.append("\n  ").append(describe(nested));
        }
        return out.toString();
    }

    private static OpenApiInteractionValidator validator() {
        if (validator == null) {
            synchronized (VeloPublishedContract.class) {
                if (validator == null) {
                    validator = OpenApiInteractionValidator.createForSpecificationUrl(SPEC.get().toUri().toString())
                            .withWhitelist(excused())
                            .withLevelResolver(LevelResolver.create()
                                    // requests are the tests' own, bad ones on purpose; only answers are checked
                                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                    // generated clients read past fields they do not know; Standin answers
                                    // some of them on purpose (routingNumber beside routingNo, type beside payeeType)
                                    .withLevel("validation.response.body.schema.additionalProperties",
                                            ValidationReport.Level.IGNORE)
                                    .build())
                            .build();
                }
            }
        }
        return validator;
    }

    /** The published document's known defects (../shared/specs/README.md) and the choices the README states. */
    private static ValidationErrorsWhitelist excused() {
        return ValidationErrorsWhitelist.create()
                .withRule("POST /v1/authenticate came in 2.15 (providers.md): not in the 2.14 document",
                        allOf(messageHasKey("validation.request.path.missing"), pathContains("^/v1/authenticate$")))
                .withRule("the document declares no error statuses beyond a few, and no error body: Velo's later"
                                + " published error shape is answered, with the statuses openapi/velo.yaml lists",
                        allOf(messageHasKey("validation.response.status.unknown"),
                                responseStatusTypeIs(StatusType.CLIENT_ERROR)))
                .withRule("failures a scenario injects (rules' 500/503/504, a full sandbox's 507) are not in the document",
                        allOf(messageHasKey("validation.response.status.unknown"),
                                responseStatusTypeIs(StatusType.SERVER_ERROR)))
                .withRule("the document declares no error body: Velo's published error shape is answered",
                        allOf(messageHasKey("validation.response.body.unexpected"),
                                anyOf(responseStatusTypeIs(StatusType.CLIENT_ERROR), responseStatusTypeIs(StatusType.SERVER_ERROR))))
                .withRule("POST /v3/payouts answers {payoutId} beside its Location header: clients read it"
                                + " (providers.md); the document declares no body, so generated clients ignore it",
                        allOf(pathContains("^/v3/payouts$"), messageHasKey("validation.response.body.unexpected")))
                .withRule("payee paymentChannel.countryCode has minLength 9 in the document (a defect)",
                        allOf(messageHasKey("validation.response.body.schema.minLength"),
                                messageContains(".*paymentChannel/countryCode.*")))
                .withRule("payee paymentChannel.routingNo is 9 characters in the document (a US ABA number); other"
                                + " countries' routing numbers (a UK sort code: 6) are answered as they are",
                        allOf(messageHasKey("validation.response.body.schema.minLength"),
                                messageContains(".*paymentChannel/routingNo.*")))
                .withRule("payment audit items require quoteId; a payment of a payout not yet quoted has none and"
                                + " leaves it out rather than inventing one or sending null",
                        allOf(pathContains("^/v[34]/paymentaudit/.*"),
                                messageHasKey("validation.response.body.schema.required"),
                                messageContainsRegexp("^.*missing required properties \\(\\[\"quoteId\"\\]\\)$")))
                .withRule("GET /v1/paymentaudit/fundings: the document declares content as one object, the API"
                                + " and the guide answer an array",
                        allOf(pathContains("^/v1/paymentaudit/fundings$"),
                                messageHasKey("validation.response.body.schema.allOf")))
                .withRule("sourceAccount.currency allows only USD in the document (a defect)",
                        allOf(pathContains("^/v[12]/sourceAccounts.*"),
                                messageHasKey("validation.response.body.schema.enum"),
                                messageContains(".*currency.*")))
                .withRule("rejectedPayments[].reason OFAC_FAILED is the guide's own value (the guide wins)",
                        allOf(pathContains("^/v3/payouts/.*"),
                                messageHasKey("validation.response.body.schema.enum"),
                                messageContains(".*OFAC_FAILED.*")));
    }
}
