package dev.standin.core.http;

import io.javalin.http.Context;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * An answer's body as text (for the request journal and rules), read where it lies. Javalin's own
 * {@code ctx.result()} copies the body through an 8 KB buffer into a stream of at least 8 KB, about
 * 16 KB of garbage for a body of a few hundred bytes, on every journaled request.
 */
public final class ResultText {
    private ResultText() {
    }

    /** The body set so far, or null when none is set. */
    public static String of(Context ctx) {
        InputStream in = ctx.resultInputStream();
        if (in instanceof ByteArrayInputStream bytes) { // what ctx.result(String) and ctx.json set
            bytes.reset(); // to where it began: the writer may have sent it already (the journal reads it after)
            byte[] all = bytes.readAllBytes(); // exactly its bytes, in one copy
            bytes.reset(); // and again for a writer still to send it
            return new String(all, ctx.responseCharset());
        }
        return ctx.result();
    }
}
