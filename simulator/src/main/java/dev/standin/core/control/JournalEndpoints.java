package dev.standin.core.control;

import dev.standin.core.http.ApiError;
import dev.standin.core.http.RequestJournal;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;

/** {@code GET /_sim/requests?provider=&method=&path=&limit=} (newest first) and {@code DELETE /_sim/requests}. */
final class JournalEndpoints implements EndpointGroup {
    private static final int DEFAULT_LIMIT = 100;

    private final RequestJournal journal;

    JournalEndpoints(RequestJournal journal) {
        this.journal = journal;
    }

    @Override
    public void addEndpoints() {
        get("/_sim/requests", this::list);
        delete("/_sim/requests", this::clear);
    }

    private void list(Context ctx) {
        int limit = DEFAULT_LIMIT;
        String limitParam = ctx.queryParam("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                throw ApiError.badQuery("limit", "limit must be a positive whole number, was '" + limitParam + "'");
            }
        }
        var entries = journal.find(ctx.queryParam("provider"), ctx.queryParam("method"), ctx.queryParam("path"), limit);
        ctx.json(Map.of("requests", entries, "count", entries.size()));
    }

    private void clear(Context ctx) {
        journal.clear();
        ctx.status(204);
    }
}
