package io.lotse.engine.mix;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How well the model fits, and how it was found.
 *
 * @param r2                  share of the outcome's variance explained in the fitted periods
 * @param nrmse               root mean squared error over the range of the outcome (Robyn's NRMSE)
 * @param decompRssd          DECOMP.RSSD: root of the summed squared differences between the channels' effect
 *                            shares and spend shares
 * @param mapeLift            precision-weighted mean absolute relative error against the lift tests, NaN
 *                            without any
 * @param holdout             the out-of-sample check, or null when no periods were held out
 * @param liftChecks          each lift test with the model's estimate for its periods
 * @param paretoFront         candidates on the Pareto front of (NRMSE, DECOMP.RSSD, MAPE.LIFT) among all evaluated
 * @param evaluations         candidates evaluated by the main search
 * @param bootstrapReplicates refits behind the intervals
 */
public record FitDiagnostics(double r2, double nrmse, double decompRssd, double mapeLift, @Nullable Holdout holdout,
                             List<LiftCheck> liftChecks, int paretoFront, long evaluations, int bootstrapReplicates) {

    public FitDiagnostics {
        liftChecks = List.copyOf(liftChecks);
    }

    /**
     * The out-of-sample check: the model refitted without the last periods, predicting them.
     *
     * @param periods periods held out
     * @param r2      R² on them (against their own mean)
     * @param nrmse   root mean squared error over the range of the whole outcome
     * @param mape    mean absolute percentage error
     */
    public record Holdout(int periods, double r2, double nrmse, double mape) {
    }

    /**
     * A lift test next to the model.
     *
     * @param test      the test
     * @param estimated the channel's modelled contribution over the test's periods
     * @param agrees    whether the estimate lies inside the test's interval
     */
    public record LiftCheck(LiftTest test, double estimated, boolean agrees) {
    }
}
