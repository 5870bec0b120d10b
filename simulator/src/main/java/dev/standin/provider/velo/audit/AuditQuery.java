package dev.standin.provider.velo.audit;

import dev.standin.core.http.ApiError;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the audit lists' query parameters, collecting every bad one to report them together. */
final class AuditQuery {
    final List<ApiError.Violation> problems = new ArrayList<>();
    private final Context ctx;

    AuditQuery(Context ctx) {
        this.ctx = ctx;
    }

    String text(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v;
    }

    String oneOf(String name, List<String> allowed) {
        String v = text(name);
        if (v != null && !allowed.contains(v)) {
            bad(name, name + " must be one of " + allowed + ", was '" + v + "'");
        }
        return v;
    }

    Long number(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            bad(name, name + " must be a whole number, was '" + v + "'");
            return null;
        }
    }

    UUID uuid(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            bad(name, name + " must be a UUID, was '" + v + "'");
            return null;
        }
    }

    /** A yyyy-MM-dd date as the start of that day (UTC), or the start of the next day when {@code endOfDay}. */
    OffsetDateTime date(String name, boolean endOfDay) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(v);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            bad(name, name + " must be a date formatted yyyy-MM-dd, was '" + v + "'");
            return null;
        }
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(text(name));
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ApiError(400, problems);
        }
    }

    private void bad(String name, String message) {
        problems.add(new ApiError.Violation(message, "INVALID_VALUE", name, "queryParam"));
    }
}
