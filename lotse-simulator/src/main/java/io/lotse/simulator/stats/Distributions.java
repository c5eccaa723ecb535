package io.lotse.simulator.stats;

import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The distributions the simulator draws from, implemented here rather than taken from the JDK's default methods
 * so that a seed gives the same values on every Java version.
 */
public final class Distributions {

    private Distributions() {}

    /** Uniform on [0, 1). */
    public static double uniform(RandomGenerator random) {
        return (random.nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform on [low, high). */
    public static double uniform(RandomGenerator random, double low, double high) {
        return low + (high - low) * uniform(random);
    }

    /** Uniform integer in [0, bound). */
    public static int index(RandomGenerator random, int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return (int) (uniform(random) * bound);
    }

    /** True with the given probability. */
    public static boolean chance(RandomGenerator random, double probability) {
        return uniform(random) < probability;
    }

    /** Standard normal (Marsaglia's polar method, one value per call). */
    public static double normal(RandomGenerator random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * uniform(random) - 1;
            v = 2 * uniform(random) - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Log-normal with the given parameters of the underlying normal. */
    public static double logNormal(RandomGenerator random, double mu, double sigma) {
        return Math.exp(mu + sigma * normal(random));
    }

    /** Exponential with the given rate. */
    public static double exponential(RandomGenerator random, double rate) {
        return -Math.log(1 - uniform(random)) / rate;
    }

    /** Gamma with shape k and rate (mean k / rate): Marsaglia and Tsang, boosted for shapes below one. */
    public static double gamma(RandomGenerator random, double shape, double rate) {
        if (shape <= 0 || rate <= 0) {
            throw new IllegalArgumentException("gamma needs positive shape and rate, was " + shape + ", " + rate);
        }
        if (shape < 1) {
            double boost = Math.pow(uniform(random) + 0x1.0p-60, 1 / shape);
            return gamma(random, shape + 1, rate) * boost;
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal(random);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = uniform(random);
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v / rate;
            }
        }
    }

    /** Beta(a, b) as a ratio of gammas. */
    public static double beta(RandomGenerator random, double a, double b) {
        double x = gamma(random, a, 1);
        double y = gamma(random, b, 1);
        double sum = x + y;
        return sum == 0 ? 0.5 : x / sum;
    }

    /** Dirichlet with the given concentration parameters; the result sums to one. */
    public static double[] dirichlet(RandomGenerator random, double[] alpha) {
        double[] values = new double[alpha.length];
        double sum = 0;
        for (int i = 0; i < alpha.length; i++) {
            values[i] = gamma(random, alpha[i], 1);
            sum += values[i];
        }
        if (sum == 0) {
            values[index(random, values.length)] = 1;
            return values;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] /= sum;
        }
        return values;
    }

    /** Poisson with the given mean (multiplication for small means, a normal approximation above 60). */
    public static int poisson(RandomGenerator random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 60) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
        }
        double limit = Math.exp(-mean);
        double product = uniform(random);
        int count = 0;
        while (product > limit) {
            product *= uniform(random);
            count++;
        }
        return count;
    }

    /** Geometric number of failures before the first success, with the given mean. */
    public static int geometric(RandomGenerator random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double p = 1 / (1 + mean);
        return (int) Math.floor(Math.log(1 - uniform(random)) / Math.log(1 - p));
    }

    /** An index drawn in proportion to non-negative weights. */
    public static int weighted(RandomGenerator random, double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double target = uniform(random) * total;
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i];
            if (target < running) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Cumulative sums of weights, for repeated draws with {@link #fromCumulative}. */
    public static double[] cumulative(double[] weights) {
        double[] cumulative = new double[weights.length];
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i];
            cumulative[i] = running;
        }
        return cumulative;
    }

    /** An index drawn from cumulative weights by binary search. */
    public static int fromCumulative(RandomGenerator random, double[] cumulative) {
        return searchCumulative(cumulative, uniform(random) * cumulative[cumulative.length - 1]);
    }

    /** The first index whose cumulative weight exceeds {@code target}. */
    public static int searchCumulative(double[] cumulative, double target) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > target) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** A random (version 4) UUID from the stream. */
    public static UUID uuid(RandomGenerator random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
