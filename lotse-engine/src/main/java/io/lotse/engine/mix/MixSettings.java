package io.lotse.engine.mix;

/**
 * How a marketing-mix model is fitted.
 *
 * @param adstock              the carry-over family searched for every channel
 * @param saturation           the diminishing-returns family searched for every channel
 * @param fourierOrder         pairs of yearly sine and cosine terms (0 for none)
 * @param trend                whether the baseline has a linear trend
 * @param seasonalityGrowth    whether seasonal and control effects may grow with the trend (multiplicative
 *                             seasonality, as Prophet's); only used with a trend and two years of data or more
 * @param folds                contiguous blocks of periods for a cross-validated NRMSE as the search's fit
 *                             criterion; 1 for the in-sample NRMSE, as Robyn
 * @param trials               independent CMA-ES runs of the hyperparameter search, from different starts
 * @param generations          CMA-ES generations per trial
 * @param population           candidates per CMA-ES generation
 * @param bootstrapReplicates  moving-block residual bootstrap refits for the intervals (0 for none)
 * @param bootstrapGenerations CMA-ES generations of each bootstrap refit
 * @param blockLength          periods per bootstrap block, keeping the residuals' autocorrelation
 * @param holdoutPeriods       final periods held out for the holdout check; negative for a tenth of the data
 *                             (at least 4), 0 for no check
 * @param decompWeight         weight of DECOMP.RSSD next to NRMSE in the objective
 * @param liftWeight           weight of MAPE.LIFT next to NRMSE in the objective when lift tests are given
 * @param intervalLevel        coverage of the reported intervals, e.g. 0.8 for the 10th to 90th percentile
 * @param seed                 seed of every random choice; the same data and settings give the same model
 */
public record MixSettings(AdstockType adstock, SaturationType saturation, int fourierOrder, boolean trend,
                          boolean seasonalityGrowth, int folds, int trials, int generations, int population,
                          int bootstrapReplicates, int bootstrapGenerations, int blockLength, int holdoutPeriods,
                          double decompWeight, double liftWeight, double intervalLevel, long seed) {

    public MixSettings {
        if (fourierOrder < 0 || fourierOrder > 10) {
            throw new IllegalArgumentException("the Fourier order must be between 0 and 10, was " + fourierOrder);
        }
        if (folds < 1) {
            throw new IllegalArgumentException("cross-validation needs at least one fold, was " + folds);
        }
        if (trials < 1 || generations < 1 || population < 4) {
            throw new IllegalArgumentException("the search needs at least one trial, one generation and a "
                    + "population of four");
        }
        if (bootstrapReplicates < 0 || bootstrapGenerations < 1 || blockLength < 1) {
            throw new IllegalArgumentException("the bootstrap needs replicates ≥ 0, generations ≥ 1 and blocks "
                    + "of at least one period");
        }
        if (!(decompWeight >= 0) || !(liftWeight >= 0)) {
            throw new IllegalArgumentException("objective weights must be ≥ 0");
        }
        if (!(intervalLevel > 0 && intervalLevel < 1)) {
            throw new IllegalArgumentException("the interval level must be between 0 and 1, was " + intervalLevel);
        }
    }

    /**
     * Geometric adstock, Hill saturation, two yearly Fourier pairs, a trend without seasonality growth, in-sample
     * NRMSE; three CMA-ES trials of 200 generations of 16; 50 bootstrap refits of 40 generations in blocks of 4
     * periods; a tenth held out; DECOMP.RSSD weighted 0.02, MAPE.LIFT 1; 80% intervals.
     */
    public static MixSettings defaults(long seed) {
        return new MixSettings(AdstockType.GEOMETRIC, SaturationType.HILL, 2, true, false, 1, 3, 200, 16, 50, 40, 4,
                -1, 0.02, 1, 0.8, seed);
    }

    public MixSettings withAdstock(AdstockType type) {
        return new MixSettings(type, saturation, fourierOrder, trend, seasonalityGrowth, folds, trials, generations,
                population, bootstrapReplicates, bootstrapGenerations, blockLength, holdoutPeriods, decompWeight,
                liftWeight, intervalLevel, seed);
    }

    public MixSettings withSaturation(SaturationType type) {
        return new MixSettings(adstock, type, fourierOrder, trend, seasonalityGrowth, folds, trials, generations,
                population, bootstrapReplicates, bootstrapGenerations, blockLength, holdoutPeriods, decompWeight,
                liftWeight, intervalLevel, seed);
    }

    public MixSettings withFourierOrder(int order) {
        return new MixSettings(adstock, saturation, order, trend, seasonalityGrowth, folds, trials, generations,
                population, bootstrapReplicates, bootstrapGenerations, blockLength, holdoutPeriods, decompWeight,
                liftWeight, intervalLevel, seed);
    }

    public MixSettings withSeasonalityGrowth(boolean growth) {
        return new MixSettings(adstock, saturation, fourierOrder, trend, growth, folds, trials, generations,
                population, bootstrapReplicates, bootstrapGenerations, blockLength, holdoutPeriods, decompWeight,
                liftWeight, intervalLevel, seed);
    }

    public MixSettings withFolds(int count) {
        return new MixSettings(adstock, saturation, fourierOrder, trend, seasonalityGrowth, count, trials,
                generations, population, bootstrapReplicates, bootstrapGenerations, blockLength, holdoutPeriods,
                decompWeight, liftWeight, intervalLevel, seed);
    }

    public MixSettings withSearch(int trialCount, int generationCount, int populationSize) {
        return new MixSettings(adstock, saturation, fourierOrder, trend, seasonalityGrowth, folds, trialCount,
                generationCount, populationSize, bootstrapReplicates, bootstrapGenerations, blockLength,
                holdoutPeriods, decompWeight, liftWeight, intervalLevel, seed);
    }

    public MixSettings withBootstrap(int replicates, int generationCount) {
        return new MixSettings(adstock, saturation, fourierOrder, trend, seasonalityGrowth, folds, trials,
                generations, population, replicates, generationCount, blockLength, holdoutPeriods, decompWeight,
                liftWeight, intervalLevel, seed);
    }

    public MixSettings withHoldout(int periods) {
        return new MixSettings(adstock, saturation, fourierOrder, trend, seasonalityGrowth, folds, trials,
                generations, population, bootstrapReplicates, bootstrapGenerations, blockLength, periods,
                decompWeight, liftWeight, intervalLevel, seed);
    }

    public MixSettings withWeights(double decomp, double lift) {
        return new MixSettings(adstock, saturation, fourierOrder, trend, seasonalityGrowth, folds, trials,
                generations, population, bootstrapReplicates, bootstrapGenerations, blockLength, holdoutPeriods,
                decomp, lift, intervalLevel, seed);
    }

    public MixSettings withSeed(long other) {
        return new MixSettings(adstock, saturation, fourierOrder, trend, seasonalityGrowth, folds, trials,
                generations, population, bootstrapReplicates, bootstrapGenerations, blockLength, holdoutPeriods,
                decompWeight, liftWeight, intervalLevel, other);
    }

    /** The periods held out from data of {@code size} periods. */
    int holdoutFor(int size) {
        if (holdoutPeriods < 0) {
            return Math.max(4, (int) Math.round(size * 0.1));
        }
        return holdoutPeriods;
    }
}
