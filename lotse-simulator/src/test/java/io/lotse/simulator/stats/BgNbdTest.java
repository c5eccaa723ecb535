package io.lotse.simulator.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class BgNbdTest {

    @Test
    void theClosedFormAgreesWithDirectIntegrationOverTheMixingDistributions() {
        for (BgNbd model : new BgNbd[] {BgNbd.CDNOW, new BgNbd(0.8, 8, 0.793, 2.426), new BgNbd(1.5, 10, 2.5, 4)}) {
            for (double weeks : new double[] {1, 13, 39, 78, 150}) {
                assertThat(model.expectedRepeatPurchases(weeks)).as(model + " at " + weeks)
                        .isCloseTo(integrated(model, weeks), Percentage.withPercentage(0.1));
            }
        }
    }

    @Test
    void expectedPurchasesGrowWithTimeButStayBelowThoseWithoutDropout() {
        BgNbd model = new BgNbd(0.8, 8, 0.793, 2.426);
        assertThat(model.expectedRepeatPurchases(0)).isZero();
        double previous = 0;
        for (double weeks = 5; weeks <= 200; weeks += 5) {
            double expected = model.expectedRepeatPurchases(weeks);
            assertThat(expected).isGreaterThan(previous).isLessThan(model.meanRate() * weeks);
            previous = expected;
        }
    }

    @Test
    void simulatedCustomersBuyAsTheModelExpects() {
        BgNbd model = new BgNbd(0.8, 8, 0.793, 2.426);
        SplittableRandom random = new SplittableRandom(1);
        double weeks = 52;
        int customers = 40_000;
        long purchases = 0;
        for (int i = 0; i < customers; i++) {
            double lambda = Distributions.gamma(random, model.r(), model.alpha());
            double p = Distributions.beta(random, model.a(), model.b());
            double time = 0;
            while (true) {
                time += Distributions.exponential(random, lambda);
                if (time >= weeks) {
                    break;
                }
                purchases++;
                if (Distributions.chance(random, p)) {
                    break;
                }
            }
        }
        assertThat((double) purchases / customers).isCloseTo(model.expectedRepeatPurchases(weeks),
                Percentage.withPercentage(4));
    }

    @Test
    void theConditionalExpectationIsBoundedByTheRateAndTheDropout() {
        assertThat(BgNbd.expectedRepeatPurchases(0.5, 0.2, 10)).isCloseTo((1 - Math.exp(-1)) / 0.2,
                Offset.offset(1e-12));
        assertThat(BgNbd.expectedRepeatPurchases(0.5, 0.2, 1000)).isCloseTo(5, Offset.offset(1e-9));
        assertThat(BgNbd.expectedRepeatPurchases(0.5, 0, 10)).isCloseTo(5, Offset.offset(1e-12));
    }

    @Test
    void theHypergeometricSeriesMatchesAKnownClosedForm() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z
        for (double z : new double[] {0.1, 0.5, 0.9, 0.99}) {
            assertThat(BgNbd.hypergeometric2F1(1, 1, 2, z)).isCloseTo(-Math.log(1 - z) / z, Offset.offset(1e-9));
        }
    }

    /** E[X(t)] = E_p[(1 - (α / (α + p t))^r) / p], integrated over Beta(a, b) with p = u^(1/a). */
    private static double integrated(BgNbd model, double weeks) {
        int steps = 200_000;
        double sum = 0;
        double normaliser = 0;
        for (int i = 0; i < steps; i++) {
            double u = (i + 0.5) / steps;
            double p = Math.pow(u, 1 / model.a());
            double weight = Math.pow(1 - p, model.b() - 1);
            double inner = (1 - Math.pow(model.alpha() / (model.alpha() + p * weeks), model.r())) / p;
            sum += weight * inner;
            normaliser += weight;
        }
        return sum / normaliser;
    }
}
