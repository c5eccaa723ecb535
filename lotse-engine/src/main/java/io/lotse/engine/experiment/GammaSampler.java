package io.lotse.engine.experiment;

import java.util.random.RandomGenerator;

/**
 * Draws from Gamma(shape, 1) by Marsaglia and Tsang's squeeze method ("A simple method for generating gamma
 * variables", ACM TOMS 26(3), 2000); shapes below 1 use the boost Gamma(shape) = Gamma(shape + 1) · U^(1/shape).
 */
final class GammaSampler {

    private GammaSampler() {}

    static double sample(double shape, RandomGenerator random) {
        if (shape < 1) {
            double u = random.nextDouble();
            return sample(shape + 1, random) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            double xx = x * x;
            if (u < 1 - 0.0331 * xx * xx) {
                return d * v;
            }
            if (Math.log(u) < 0.5 * xx + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
