package dev.standin.provider.qolo;

import java.util.Map;

/** Where services report what happened (after their transaction committed): the program's webhook subscriptions. */
interface Events {
    void emit(String program, String eventType, Map<String, Object> data);
}
