package io.lotse.server.mix;

import io.lotse.engine.mix.AdstockType;
import io.lotse.engine.mix.MixSettings;
import io.lotse.engine.mix.SaturationType;
import org.jspecify.annotations.Nullable;

/**
 * What a fit is asked to do; every field may be left out.
 *
 * @param outcome    revenue (default) or orders
 * @param adstock    geometric (default), weibull_cdf or weibull_pdf
 * @param saturation hill (default) or logistic
 * @param holidays   whether the retail calendar's holidays are controls (default true)
 * @param liftTests  whether the stored lift tests calibrate the fit (default true)
 * @param bootstrap  bootstrap refits for the intervals (default 50)
 * @param seed       the seed (default 42)
 */
record FitRequest(@Nullable String outcome, @Nullable String adstock, @Nullable String saturation,
                  @Nullable Boolean holidays, @Nullable Boolean liftTests, @Nullable Integer bootstrap,
                  @Nullable Long seed) {

    static final int MAX_BOOTSTRAP = 500;

    MixOutcome outcomeOrDefault() {
        return outcome == null ? MixOutcome.REVENUE : MixOutcome.fromKey(outcome);
    }

    boolean holidaysOrDefault() {
        return holidays == null || holidays;
    }

    boolean liftTestsOrDefault() {
        return liftTests == null || liftTests;
    }

    MixSettings settings() {
        int replicates = bootstrap == null ? 50 : bootstrap;
        if (replicates < 0 || replicates > MAX_BOOTSTRAP) {
            throw new IllegalArgumentException("bootstrap must be between 0 and " + MAX_BOOTSTRAP + ", was "
                    + replicates);
        }
        return MixSettings.defaults(seed == null ? 42 : seed)
                .withAdstock(adstock == null ? AdstockType.GEOMETRIC : AdstockType.fromKey(adstock))
                .withSaturation(saturation == null ? SaturationType.HILL : SaturationType.fromKey(saturation))
                .withBootstrap(replicates, 40);
    }
}
