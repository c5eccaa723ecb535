package io.lotse.engine.experiment;

import java.util.random.RandomGenerator;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.special.Beta;

/**
 * A Beta distribution over a success rate, the conjugate posterior of Binomial counts.
 *
 * @param alpha first shape: prior successes plus observed successes; positive
 * @param beta  second shape: prior failures plus observed failures; positive
 */
public record BetaPosterior(double alpha, double beta) {

    public BetaPosterior {
        if (!(alpha > 0 && beta > 0 && Double.isFinite(alpha) && Double.isFinite(beta))) {
            throw new IllegalArgumentException("Beta shapes must be positive and finite, were " + alpha + ", " + beta);
        }
    }

    /** The posterior after {@code successes} in {@code trials} from the uniform prior Beta(1, 1). */
    public static BetaPosterior uniformPrior(long successes, long trials) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, had " + successes + " of " + trials);
        }
        return new BetaPosterior(1 + successes, 1 + trials - successes);
    }

    /** This posterior after more observations. */
    public BetaPosterior observe(long successes, long failures) {
        if (successes < 0 || failures < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        return new BetaPosterior(alpha + successes, beta + failures);
    }

    public double mean() {
        return alpha / (alpha + beta);
    }

    public double variance() {
        double sum = alpha + beta;
        return alpha * beta / (sum * sum * (sum + 1));
    }

    public double standardDeviation() {
        return Math.sqrt(variance());
    }

    /** The natural logarithm of the density at {@code x} in (0, 1). */
    public double logDensity(double x) {
        return (alpha - 1) * Math.log(x) + (beta - 1) * Math.log1p(-x) - Beta.logBeta(alpha, beta);
    }

    /** P(rate ≤ x). */
    public double cumulativeProbability(double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        return Beta.regularizedBeta(x, alpha, beta);
    }

    /** The equal-tailed credible interval holding {@code level} of the probability, e.g. 0.95. */
    public Interval credibleInterval(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must lie in (0, 1), was " + level);
        }
        BetaDistribution distribution = new BetaDistribution(alpha, beta);
        double tail = (1 - level) / 2;
        return new Interval(distribution.inverseCumulativeProbability(tail),
                distribution.inverseCumulativeProbability(1 - tail));
    }

    /** One draw of the rate, as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
    public double sample(RandomGenerator random) {
        double x = GammaSampler.sample(alpha, random);
        double y = GammaSampler.sample(beta, random);
        return x / (x + y);
    }
}
