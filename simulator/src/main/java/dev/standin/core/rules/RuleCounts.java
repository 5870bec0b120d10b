package dev.standin.core.rules;

import dev.standin.core.store.Database;
import org.jooq.impl.DSL;

import java.util.List;

import static dev.standin.db.core.Tables.RULE_COUNT;

/**
 * How often each rule matched and fired. In memory by default (each compiled rule counts for itself,
 * and recompiling starts again); on a database several instances share, rows of
 * {@code core.rule_count} counted by atomic upserts, so a {@code times: {first: 1}} rule fires once
 * across instances and every instance reports the same counts.
 */
public interface RuleCounts {
    /** Counts a match of {@code rule}; answers its number (1 for the first). */
    long match(Rule rule);

    /** Counts that {@code rule} fired. */
    void fire(Rule rule);

    long matched(Rule rule);

    long fired(Rule rule);

    /** Starts the counts of {@code scenarios} (all when null) again: a reset, or a scenario unloaded. */
    void forget(List<String> scenarios);

    RuleCounts IN_MEMORY = new RuleCounts() {
        @Override
        public long match(Rule rule) {
            return rule.matched().incrementAndGet();
        }

        @Override
        public void fire(Rule rule) {
            rule.fired().incrementAndGet();
        }

        @Override
        public long matched(Rule rule) {
            return rule.matched().get();
        }

        @Override
        public long fired(Rule rule) {
            return rule.fired().get();
        }

        @Override
        public void forget(List<String> scenarios) {
            // compiled again by the engine, with fresh counts
        }
    };

    /** Counts in the database when several instances share it, else in memory. */
    static RuleCounts of(Database database) {
        return database.sharedByInstances() ? new Stored(database) : IN_MEMORY;
    }

    /** Rows of {@code core.rule_count}, keyed by scenario and the rule's position in it. */
    record Stored(Database database) implements RuleCounts {
        @Override
        public long match(Rule rule) {
            return database.dsl().insertInto(RULE_COUNT, RULE_COUNT.SCENARIO, RULE_COUNT.RULE_INDEX, RULE_COUNT.MATCHED, RULE_COUNT.FIRED)
                    .values(rule.scenario(), rule.index(), 1L, 0L)
                    .onConflict(RULE_COUNT.SCENARIO, RULE_COUNT.RULE_INDEX)
                    .doUpdate().set(RULE_COUNT.MATCHED, RULE_COUNT.MATCHED.plus(1L))
                    .returningResult(RULE_COUNT.MATCHED)
                    .fetchOne(RULE_COUNT.MATCHED);
        }

        @Override
        public void fire(Rule rule) {
            database.dsl().update(RULE_COUNT).set(RULE_COUNT.FIRED, RULE_COUNT.FIRED.plus(1L))
                    .where(RULE_COUNT.SCENARIO.eq(rule.scenario()), RULE_COUNT.RULE_INDEX.eq(rule.index())).execute();
        }

        @Override
        public long matched(Rule rule) {
            return count(rule, RULE_COUNT.MATCHED);
        }

        @Override
        public long fired(Rule rule) {
            return count(rule, RULE_COUNT.FIRED);
        }

        private long count(Rule rule, org.jooq.Field<Long> column) {
            Long n = database.dsl().select(column).from(RULE_COUNT)
                    .where(RULE_COUNT.SCENARIO.eq(rule.scenario()), RULE_COUNT.RULE_INDEX.eq(rule.index())).fetchOne(column);
            return n == null ? 0 : n;
        }

        @Override
        public void forget(List<String> scenarios) {
            database.dsl().deleteFrom(RULE_COUNT).where(scenarios == null ? DSL.trueCondition() : RULE_COUNT.SCENARIO.in(scenarios)).execute();
        }
    }
}
