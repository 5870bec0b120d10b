package dev.standin.core.store;

import org.jooq.DSLContext;
import org.jooq.conf.ParamCastMode;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;

/**
 * On H2 bind values go without jOOQ's casts ({@code = ?}, not its default {@code = cast(? as varchar(40))}):
 * H2 searched an index with an IN list of casts only when the IN came first among the index's
 * conditions, so a payout's validation walked every payment and payee of its payor (21 ms a query at
 * 40,000 payments, 50 us with plain parameters). H2 takes each parameter's type from where it stands;
 * only where nothing stands beside it, in the MERGE jOOQ makes of an upsert, it needs {@link #typed}.
 */
public final class BindCasts {
    private BindCasts() {
    }

    /** {@code settings} rendering bind values without casts. */
    static Settings none(Settings settings) {
        return settings.withParamCastMode(ParamCastMode.NEVER);
    }

    /**
     * {@code tx} casting its bind values to their types, for an upsert ({@code onConflict},
     * {@code onDuplicateKeyIgnore}): jOOQ makes it a {@code MERGE ... USING (SELECT ? "COLUMN" ...)} on H2,
     * where a parameter without a cast has no type to take ("Unknown data type").
     */
    public static DSLContext typed(DSLContext tx) {
        if (tx.settings().getParamCastMode() != ParamCastMode.NEVER) {
            return tx;
        }
        return tx.configuration().derive(SettingsTools.clone(tx.settings()).withParamCastMode(ParamCastMode.DEFAULT)).dsl();
    }
}
