package dev.standin.core.store;

import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Work that must wait until the state it follows is committed: a stored step queued on the scheduler,
 * a webhook about the new state, a cache told of the change. {@link #run} inside a transaction keeps
 * the task until the outermost transaction on this thread commits, and drops it when that
 * transaction (or the nested one it was registered in) rolls back; outside a transaction it runs at
 * once. Every {@link Database} installs this listener, so callers never queue by hand.
 */
public final class AfterCommit implements TransactionListener {
    private static final Logger LOG = LoggerFactory.getLogger(AfterCommit.class);
    private static final String KEY = AfterCommit.class.getName();

    /** The tasks of one transaction (compared by identity: two frames may hold equal lists). */
    private static final class Frame {
        final List<Runnable> tasks = new ArrayList<>();
    }

    /** The open transactions of this thread, innermost first. */
    private static final ThreadLocal<ArrayDeque<Frame>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    /** Runs {@code task} once the transaction around this call commits, or at once when there is none. */
    public static void run(Runnable task) {
        Frame frame = OPEN.get().peek();
        if (frame == null) {
            task.run();
        } else {
            frame.tasks.add(task);
        }
    }

    @Override
    public void beginEnd(TransactionContext ctx) {
        Frame frame = new Frame();
        ctx.data(KEY, frame);
        OPEN.get().push(frame);
    }

    @Override
    public void commitEnd(TransactionContext ctx) {
        Frame frame = close(ctx);
        if (frame == null) {
            return;
        }
        Frame outer = OPEN.get().peek();
        if (outer != null) { // a nested transaction (a savepoint): its work waits for the outer commit
            outer.tasks.addAll(frame.tasks);
            return;
        }
        for (Runnable task : frame.tasks) {
            try {
                task.run();
            } catch (RuntimeException e) { // the state is committed: one failing task must not cancel the others
                LOG.error("a task after commit failed", e);
            }
        }
    }

    @Override
    public void rollbackEnd(TransactionContext ctx) {
        close(ctx);
    }

    private static Frame close(TransactionContext ctx) {
        Object frame = ctx.data(KEY);
        if (!(frame instanceof Frame f)) {
            return null; // the transaction failed to begin
        }
        ArrayDeque<Frame> open = OPEN.get();
        open.removeIf(x -> x == f);
        if (open.isEmpty()) {
            OPEN.remove();
        }
        return f;
    }
}
