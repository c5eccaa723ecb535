package io.lotse.engine.mix;

import java.time.LocalDate;
import java.util.List;

/**
 * Where a fitted model comes from: enough to reproduce it from the same data.
 *
 * @param engine         the engine's model version
 * @param firstPeriod    first day of the data window
 * @param lastPeriod     first day of the last period of the window
 * @param periods        periods fitted
 * @param periodDays     days per period
 * @param channels       paid channels
 * @param controls       control variables
 * @param liftTests      lift tests used for calibration
 * @param settings       every setting, including the seed
 * @param elapsedMillis  wall time of the fit, bootstrap and holdout included
 */
public record Provenance(String engine, LocalDate firstPeriod, LocalDate lastPeriod, int periods, int periodDays,
                         List<String> channels, List<String> controls, int liftTests, MixSettings settings,
                         long elapsedMillis) {

    /** Changes whenever a change of the engine can change fitted models. */
    public static final String ENGINE_VERSION = "lotse-mix-1";

    public Provenance {
        channels = List.copyOf(channels);
        controls = List.copyOf(controls);
    }
}
