package io.lotse.engine.mix;

import java.time.LocalDate;

/**
 * The result of a lift test or geo experiment: the outcome a channel's spend caused over a time span, with its
 * interval. It calibrates the model: the fit is penalised by how far the channel's modelled contribution over the
 * same periods lies from {@code incremental} (see {@link MixSettings#liftWeight()}).
 *
 * @param channel     the tested channel
 * @param from        first day of the test
 * @param to          last day of the test, inclusive
 * @param incremental the measured incremental outcome, positive
 * @param lower       lower end of its interval, at most {@code incremental}
 * @param upper       upper end of its interval, at least {@code incremental}
 */
public record LiftTest(String channel, LocalDate from, LocalDate to, double incremental, double lower,
                       double upper) {

    public LiftTest {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a lift test ends before it starts: " + from + " to " + to);
        }
        if (!(incremental > 0 && Double.isFinite(incremental))) {
            throw new IllegalArgumentException("a lift test's incremental outcome must be positive, was "
                    + incremental);
        }
        if (!(lower <= incremental && incremental <= upper)) {
            throw new IllegalArgumentException("a lift test's interval must contain its result: " + lower + " ≤ "
                    + incremental + " ≤ " + upper + " does not hold");
        }
    }

    /** Half the width of the interval, at least 1% of the result, which sets the test's weight. */
    double halfWidth() {
        return Math.max((upper - lower) / 2, incremental * 0.01);
    }
}
