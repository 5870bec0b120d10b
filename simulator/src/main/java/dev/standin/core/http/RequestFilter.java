package dev.standin.core.http;

import io.javalin.http.Context;

/** Work around every request of an API (the scenario rules): before its route runs, and after. */
public interface RequestFilter {
    void before(Context ctx) throws Exception;

    void after(Context ctx) throws Exception;
}
