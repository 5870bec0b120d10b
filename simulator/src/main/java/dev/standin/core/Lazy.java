package dev.standin.core;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A value made at its first use, once, whichever thread asks first: for what every sandbox may need
 * but most never use (an empty Caffeine cache is about 1.5 KB, and a sandbox has several).
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> make;
    private volatile T value;

    public Lazy(Supplier<T> make) {
        this.make = make;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) {
                    value = make.get();
                }
                v = value;
            }
        }
        return v;
    }

    /** The value if it was made, else null: for what need not make it (reading an unmade cache). */
    public T ifMade() {
        return value;
    }

    /** Gives the value to {@code use} if it was made (forgetting what a cache holds needs no cache made for it). */
    public void ifMade(Consumer<? super T> use) {
        T v = value;
        if (v != null) {
            use.accept(v);
        }
    }
}
