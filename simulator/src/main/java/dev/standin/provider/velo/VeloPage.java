package dev.standin.provider.velo;

import dev.standin.core.http.ApiError;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Velo's list conventions: {@code page} (from 1, default 1), {@code pageSize} (default 25, at most
 * 100), {@code sort=field:asc|desc[,...]} over the fields a list allows, and a response of
 * {@code page}, {@code links} (first, last, self, prev, next, each carrying the whole query) and
 * {@code content}.
 */
public record VeloPage(int page, int pageSize, List<Sort> sort) {
    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 100;
    private static final Set<String> PAGING = Set.of("page", "pageSize", "sort");

    /** One sort field. */
    public record Sort(String field, boolean ascending) {
        @Override
        public String toString() {
            return field + (ascending ? ":asc" : ":desc");
        }
    }

    public static VeloPage from(Context ctx, List<String> sortable, String defaultSort) {
        List<ApiError.Violation> problems = new ArrayList<>();
        VeloPage page = from(ctx, sortable, defaultSort, problems);
        if (!problems.isEmpty()) {
            throw new ApiError(400, problems);
        }
        return page;
    }

    /** As {@link #from(Context, List, String)}, adding problems to the caller's list (to report them with its own). */
    public static VeloPage from(Context ctx, List<String> sortable, String defaultSort, List<ApiError.Violation> problems) {
        return from(ctx, sortable, defaultSort, problems, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }

    /** As above, for a list with its own page sizes (payee deltas: 100 by default, 1000 at most); no sort when none is sortable. */
    public static VeloPage from(Context ctx, List<String> sortable, String defaultSort, List<ApiError.Violation> problems,
                                int defaultPageSize, int maxPageSize) {
        int page = intParam(ctx, "page", 1, 1, Integer.MAX_VALUE, problems);
        int pageSize = intParam(ctx, "pageSize", defaultPageSize, 1, maxPageSize, problems);
        String sortText = ctx.queryParam("sort");
        List<Sort> sort = new ArrayList<>();
        String sortBy = sortText == null || sortText.isBlank() ? defaultSort : sortText;
        for (String part : sortBy.isEmpty() ? new String[0] : sortBy.split(",")) {
            String[] fieldAndOrder = part.trim().split(":");
            if (fieldAndOrder.length != 2 || !fieldAndOrder[0].matches("[a-zA-Z]+")
                    || !(fieldAndOrder[1].equals("asc") || fieldAndOrder[1].equals("desc"))) {
                problems.add(query("sort", "sort must be field:asc or field:desc (comma-separated), was '" + part + "'"));
            } else if (!sortable.contains(fieldAndOrder[0])) {
                problems.add(query("sort", "cannot sort by '" + fieldAndOrder[0] + "'; sortable fields are " + sortable));
            } else {
                sort.add(new Sort(fieldAndOrder[0], fieldAndOrder[1].equals("asc")));
            }
        }
        return new VeloPage(page, pageSize, sort);
    }

    /** The first page of size 1, for looking one row up through a list query. */
    public static VeloPage first() {
        return new VeloPage(1, 1, List.of());
    }

    public int offset() {
        return (page - 1) * pageSize;
    }

    /** The list body: page, links and content (callers may add e.g. a summary). */
    public Map<String, Object> render(Context ctx, long totalElements, List<?> content) {
        int totalPages = (int) Math.max(1, (totalElements + pageSize - 1) / pageSize);
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("numberOfElements", content.size());
        pageInfo.put("totalElements", totalElements);
        pageInfo.put("totalPages", totalPages);
        pageInfo.put("page", page);
        pageInfo.put("pageSize", pageSize);
        List<Map<String, String>> links = new ArrayList<>();
        links.add(link("first", ctx, 1));
        links.add(link("last", ctx, totalPages));
        links.add(link("self", ctx, page));
        if (page > 1) {
            links.add(link("prev", ctx, page - 1));
        }
        if (page < totalPages) {
            links.add(link("next", ctx, page + 1));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", pageInfo);
        body.put("links", links);
        body.put("content", content);
        return body;
    }

    private Map<String, String> link(String rel, Context ctx, int toPage) {
        StringBuilder href = new StringBuilder(ctx.url()).append('?');
        ctx.queryParamMap().forEach((name, values) -> {
            if (!PAGING.contains(name)) {
                values.forEach(v -> href.append(encode(name)).append('=').append(encode(v)).append('&'));
            }
        });
        href.append("page=").append(toPage).append("&pageSize=").append(pageSize);
        if (!sort.isEmpty()) {
            href.append("&sort=").append(String.join(",", sort.stream().map(Sort::toString).toList()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("rel", rel);
        out.put("href", href.toString());
        return out;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%3A", ":").replace("%40", "@").replace("%2C", ",");
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max, List<ApiError.Violation> problems) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(query(name, name + " must be a whole number from " + min + " to " + max + ", was '" + raw + "'"));
        return fallback;
    }

    private static ApiError.Violation query(String param, String message) {
        return new ApiError.Violation(message, "INVALID_VALUE", param, "queryParam");
    }
}
