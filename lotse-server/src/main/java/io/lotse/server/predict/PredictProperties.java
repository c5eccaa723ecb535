package io.lotse.server.predict;

import io.lotse.engine.clv.PeriodUnit;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the prediction models ({@code lotse.predict.*}; the retraining schedule
 * {@code lotse.predict.retrain-cron} is read by {@link RetrainSchedule}).
 *
 * @param unit                the time unit of the purchase models' parameters (weeks or days)
 * @param zone                the time zone whose calendar days count as purchase days
 * @param seed                the seed of every random choice of a training run (samples, holdout split)
 * @param propensityEvents    further events whose 30-day propensity is predicted besides buying, e.g.
 *                            {@code Signed Up} or {@code Newsletter Subscribed}
 * @param paretoSample        at most this many customers, drawn with the seed, for the Pareto/NBD fit that is
 *                            recorded for comparison (its likelihood is far costlier than the BG/NBD's)
 * @param paretoTimeout       how long the Pareto/NBD comparison fit may take; 0 switches it off
 * @param monthlyDiscountRate the discount rate of the 12-month lifetime value, per month
 * @param minCustomers        fewer customers (people with an order) than this fail a run
 * @param minRepeatCustomers  fewer customers with a repeat purchase day than this fail a run
 */
@ConfigurationProperties("lotse.predict")
record PredictProperties(
        @DefaultValue("WEEKS") PeriodUnit unit,
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("42") long seed,
        @DefaultValue List<String> propensityEvents,
        @DefaultValue("5000") int paretoSample,
        @DefaultValue("60s") Duration paretoTimeout,
        @DefaultValue("0.01") double monthlyDiscountRate,
        @DefaultValue("10") int minCustomers,
        @DefaultValue("5") int minRepeatCustomers) {

    PredictProperties {
        propensityEvents = propensityEvents.stream().map(String::strip).filter(name -> !name.isEmpty())
                .distinct().toList();
        if (paretoSample < 1) {
            throw new IllegalArgumentException("lotse.predict.pareto-sample must be at least 1, was " + paretoSample);
        }
        if (paretoTimeout.isNegative()) {
            throw new IllegalArgumentException("lotse.predict.pareto-timeout must not be negative, was "
                    + paretoTimeout);
        }
        if (!(monthlyDiscountRate >= 0 && monthlyDiscountRate < 1)) {
            throw new IllegalArgumentException("lotse.predict.monthly-discount-rate must lie in [0, 1), was "
                    + monthlyDiscountRate);
        }
        if (minCustomers < 2 || minRepeatCustomers < 1) {
            throw new IllegalArgumentException("lotse.predict.min-customers must be at least 2 and "
                    + "lotse.predict.min-repeat-customers at least 1");
        }
    }
}
