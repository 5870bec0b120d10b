package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.rules.RuleEngine;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/** A running terminal: its declaration plus the settings changed through config set. */
final class Terminal {
    private final TerminalConfig config;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final TerminalDevice device;
    private final ArrayDeque<JsonNode> script = new ArrayDeque<>();

    private final java.util.function.Function<TerminalConfig, String> openBatch;

    /** {@code openBatch}: the terminal's open batch as stored (settled batches survive restarts). */
    Terminal(TerminalConfig config, Scheduler scheduler, RuleEngine rules, java.util.function.Function<TerminalConfig, String> openBatch,
             java.util.function.Supplier<java.time.Duration> customerDelay) {
        this.config = config;
        this.openBatch = openBatch;
        this.device = new TerminalDevice(this, scheduler, rules, customerDelay);
        resetSettings();
    }

    TerminalDevice device() {
        return device;
    }

    synchronized String batchId() {
        return String.valueOf(settings.get("batchID"));
    }

    /** After a settlement: the next batch. */
    synchronized void nextBatch() {
        settings.put("batchID", successor(batchId()));
    }

    /** The batch after {@code batchId}: numeric ids count up; others get a suffix. */
    static String successor(String batchId) {
        try {
            return Long.toString(Long.parseLong(batchId) + 1);
        } catch (NumberFormatException e) {
            return batchId + "-1";
        }
    }

    TerminalConfig config() {
        return config;
    }

    /** The next scripted customer action, without taking it. */
    synchronized JsonNode peekScripted() {
        return script.peekFirst();
    }

    synchronized JsonNode takeScripted() {
        return script.pollFirst();
    }

    synchronized void resetSettings() {
        script.clear();
        script.addAll(config.customer());
        settings.clear();
        settings.put("requireSignature", config.requireSignature());
        settings.put("tokenization", config.tokenization());
        settings.put("merchantID", config.merchantId());
        settings.put("batchID", openBatch.apply(config));
        settings.put("tenders", config.tenders());
    }

    synchronized boolean requireSignature() {
        return Boolean.TRUE.equals(settings.get("requireSignature"));
    }

    synchronized Map<String, Object> settings() {
        return new LinkedHashMap<>(settings);
    }

    /** Sets known keys; answers the name of the first unknown or mistyped one, or null. */
    synchronized String set(Map<String, Object> changes) {
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            Object current = settings.get(e.getKey());
            if (current == null || e.getKey().equals("merchantID") || e.getKey().equals("tenders") || e.getKey().equals("batchID")) {
                return e.getKey();
            }
            if (current instanceof Boolean && !(e.getValue() instanceof Boolean)) {
                return e.getKey();
            }
        }
        settings.putAll(changes);
        return null;
    }
}
