package io.lotse.engine.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BgNbdTest {

    /** The published CDNOW fit (Fader, Hardie and Lee 2005), times in weeks. */
    private static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);

    private static CustomerSummary customer(int x, double recency, double age) {
        return new CustomerSummary("c", x, recency, age, 0);
    }

    @Test
    void aCustomerWithoutRepeatPurchasesIsAlive() {
        assertThat(CDNOW.probabilityAlive(customer(0, 0, 38.86))).isEqualTo(1);
        assertThat(CDNOW.probabilityAlive(customer(0, 0, 500))).isEqualTo(1);
        assertThat(CDNOW.churnRisk(customer(0, 0, 38.86))).isZero();
    }

    @Test
    void aLongSilenceMakesACustomerLessLikelyAlive() {
        double recent = CDNOW.probabilityAlive(customer(4, 38, 38.86));
        double quiet = CDNOW.probabilityAlive(customer(4, 20, 38.86));
        double silent = CDNOW.probabilityAlive(customer(4, 5, 38.86));
        assertThat(recent).isGreaterThan(quiet).isLessThanOrEqualTo(1);
        assertThat(quiet).isGreaterThan(silent).isGreaterThan(0);
        assertThat(CDNOW.churnRisk(customer(4, 5, 38.86))).isGreaterThan(CDNOW.churnRisk(customer(4, 38, 38.86)));
        // The same silence weighs more for a frequent buyer.
        assertThat(CDNOW.probabilityAlive(customer(12, 5, 38.86))).isLessThan(silent);
    }

    @Test
    void reproducesThePublishedConditionalExpectation() {
        // Fader, Hardie and Lee (2005): x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks.
        assertThat(CDNOW.expectedPurchases(customer(2, 30.43, 38.86), 39)).isCloseTo(1.226, within(0.001));
    }

    @Test
    void expectationsGrowWithTimeAndStartAtZero() {
        CustomerSummary customer = customer(3, 20, 38.86);
        assertThat(CDNOW.expectedPurchases(customer, 0)).isZero();
        double previous = 0;
        for (double t : new double[] {1, 4, 13, 52, 104, 520}) {
            double expected = CDNOW.expectedPurchases(customer, t);
            assertThat(expected).isGreaterThan(previous);
            previous = expected;
        }
        assertThat(CDNOW.expectedPurchasesOfNewCustomer(0)).isZero();
        assertThat(CDNOW.expectedPurchasesOfNewCustomer(52)).isGreaterThan(CDNOW.expectedPurchasesOfNewCustomer(26));
    }

    @Test
    void matchesTheUntransformedFormulaWhereItsSeriesIsSafe() {
        for (BgNbd model : List.of(CDNOW, new BgNbd(1.3, 12, 2.5, 4), new BgNbd(0.5, 3, 0.4, 0.9))) {
            for (int x : new int[] {0, 1, 3, 7}) {
                double recency = x == 0 ? 0 : 20;
                CustomerSummary customer = customer(x, recency, 30);
                for (double t : new double[] {1, 10, 39, 80}) {
                    assertThat(model.expectedPurchases(customer, t))
                            .isCloseTo(direct(model, x, 30, t) * model.probabilityAlive(customer), within(1e-9));
                }
            }
            for (double t : new double[] {1, 10, 39, 80}) {
                assertThat(model.expectedPurchasesOfNewCustomer(t)).isCloseTo(direct(model, 0, 0, t), within(1e-9));
            }
        }
    }

    @Test
    void isContinuousAtAEqualToOne() {
        CustomerSummary customer = customer(2, 10, 30);
        double atOne = new BgNbd(0.5, 5, 1, 2).expectedPurchases(customer, 26);
        double below = new BgNbd(0.5, 5, 1 - 1e-7, 2).expectedPurchases(customer, 26);
        double above = new BgNbd(0.5, 5, 1 + 1e-7, 2).expectedPurchases(customer, 26);
        assertThat(atOne).isCloseTo(below, within(1e-6)).isCloseTo(above, within(1e-6)).isPositive();
    }

    @Test
    void staysFiniteForVeryFrequentBuyers() {
        CustomerSummary heavy = customer(800, 38.86, 38.86);
        double expected = CDNOW.expectedPurchases(heavy, 39);
        // About 18.5 purchases a week (800.2 / 43.3), bought on the last day, so almost surely alive; dropping out
        // after some of the next purchases costs a part of the 39 * 18.5 = 721.
        assertThat(CDNOW.probabilityAlive(heavy)).isGreaterThan(0.99);
        assertThat(expected).isFinite().isBetween(400.0, 721.0);
        assertThat(CDNOW.logLikelihood(heavy)).isFinite();
    }

    @Test
    void fitRecoversTheParametersOfSimulatedCustomers() {
        BgNbd truth = new BgNbd(0.8, 6, 0.7, 2.5);
        List<CustomerSummary> customers = simulate(truth, 4000, 52, new Random(7));

        ModelFit<BgNbd> fit = BgNbd.fit(customers);

        assertThat(fit.converged()).isTrue();
        assertThat(fit.customers()).isEqualTo(4000);
        assertThat(fit.iterations()).isPositive();
        assertThat(fit.model().r()).isCloseTo(truth.r(), within(0.15));
        assertThat(fit.model().r() / fit.model().alpha()).isCloseTo(truth.r() / truth.alpha(), within(0.02));
        assertThat(fit.model().a() / (fit.model().a() + fit.model().b())).isCloseTo(0.7 / 3.2, within(0.06));
        // The input order does not matter.
        List<CustomerSummary> shuffled = new ArrayList<>(customers);
        Collections.shuffle(shuffled, new Random(1));
        assertThat(BgNbd.fit(shuffled)).isEqualTo(fit);
    }

    @Test
    void refusesDataItCannotFit() {
        assertThatThrownBy(() -> BgNbd.fit(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one customer");
        assertThatThrownBy(() -> BgNbd.fit(List.of(customer(0, 0, 10), customer(0, 0, 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat purchase");
        assertThatThrownBy(() -> new BgNbd(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BgNbd(1, Double.NaN, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CDNOW.expectedPurchases(customer(1, 2, 3), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time");
    }

    /** The expectation of Fader, Hardie and Lee's eq. 10 without the P(alive) factor, by the plain ₂F₁ series. */
    private static double direct(BgNbd m, int x, double age, double t) {
        double z = t / (m.alpha() + age + t);
        double a = m.r() + x;
        double b = m.b() + x;
        double c = m.a() + m.b() + x - 1;
        double term = 1;
        double sum = 1;
        for (int n = 0; n < 100_000 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
        }
        double bracket = 1 - Math.pow((m.alpha() + age) / (m.alpha() + age + t), m.r() + x) * sum;
        return (m.a() + m.b() + x - 1) / (m.a() - 1) * bracket;
    }

    /** Customers of the BG/NBD story observed for {@code weeks} after their first purchase at a random time. */
    static List<CustomerSummary> simulate(BgNbd model, int count, double weeks, Random random) {
        List<CustomerSummary> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double lambda = gamma(model.r(), random) / model.alpha();
            double p = beta(model.a(), model.b(), random);
            double age = weeks * (0.25 + 0.75 * random.nextDouble());
            double time = 0;
            double last = 0;
            int x = 0;
            while (true) {
                time += -Math.log(1 - random.nextDouble()) / lambda;
                if (time > age) {
                    break;
                }
                x++;
                last = time;
                if (random.nextDouble() < p) {
                    break;
                }
            }
            customers.add(new CustomerSummary("c" + i, x, last, age, 0));
        }
        return customers;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang, boosted for shapes below 1. */
    static double gamma(double shape, Random random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double normal = random.nextGaussian();
            double v = Math.pow(1 + c * normal, 3);
            if (v > 0 && Math.log(random.nextDouble()) < normal * normal / 2 + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    static double beta(double a, double b, Random random) {
        double x = gamma(a, random);
        return x / (x + gamma(b, random));
    }
}
