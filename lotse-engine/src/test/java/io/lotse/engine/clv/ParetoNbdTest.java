package io.lotse.engine.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

class ParetoNbdTest {

    /** The published CDNOW fit (Fader and Hardie), times in weeks. */
    private static final ParetoNbd CDNOW = new ParetoNbd(0.553, 10.578, 0.606, 11.669);

    private static CustomerSummary customer(int x, double recency, double age) {
        return new CustomerSummary("c", x, recency, age, 0);
    }

    @Test
    void matchesTheUntransformedLikelihoodOnBothSidesOfAlphaEqualsBeta() {
        List<ParetoNbd> models = List.of(CDNOW, new ParetoNbd(0.553, 15, 0.606, 6), new ParetoNbd(1.2, 3, 2.5, 9));
        for (ParetoNbd model : models) {
            for (int x : new int[] {0, 1, 4, 9}) {
                CustomerSummary customer = customer(x, x == 0 ? 0 : 17.5, 38.86);
                assertThat(model.logLikelihood(customer)).isCloseTo(direct(model, customer), within(1e-9));
            }
        }
    }

    @Test
    void isContinuousWhereAlphaMeetsBeta() {
        CustomerSummary customer = customer(3, 12, 38.86);
        double equal = new ParetoNbd(0.5, 10, 0.6, 10).logLikelihood(customer);
        assertThat(new ParetoNbd(0.5, 10 + 1e-9, 0.6, 10).logLikelihood(customer)).isCloseTo(equal, within(1e-9));
        assertThat(new ParetoNbd(0.5, 10 - 1e-9, 0.6, 10).logLikelihood(customer)).isCloseTo(equal, within(1e-9));
    }

    @Test
    void aCustomerWhoJustBoughtIsAliveAndSilenceLowersTheChance() {
        assertThat(CDNOW.probabilityAlive(customer(3, 38.86, 38.86))).isEqualTo(1);
        double recent = CDNOW.probabilityAlive(customer(3, 35, 38.86));
        double silent = CDNOW.probabilityAlive(customer(3, 5, 38.86));
        assertThat(recent).isLessThan(1).isGreaterThan(silent);
        assertThat(silent).isGreaterThan(0);
        // Unlike in the BG/NBD, a customer without repeat purchases may have died too.
        assertThat(CDNOW.probabilityAlive(customer(0, 0, 38.86))).isBetween(0.0, 1.0).isLessThan(1);
        assertThat(CDNOW.probabilityAlive(customer(0, 0, 60))).isLessThan(CDNOW.probabilityAlive(customer(0, 0, 20)));
    }

    @Test
    void expectationsGrowWithTimeAndAreContinuousAtSEqualToOne() {
        CustomerSummary customer = customer(2, 30.43, 38.86);
        double previous = 0;
        for (double t : new double[] {1, 13, 39, 104}) {
            double expected = CDNOW.expectedPurchases(customer, t);
            assertThat(expected).isGreaterThan(previous);
            previous = expected;
        }
        double atOne = new ParetoNbd(0.5, 10, 1, 12).expectedPurchases(customer, 39);
        assertThat(new ParetoNbd(0.5, 10, 1 + 1e-8, 12).expectedPurchases(customer, 39)).isCloseTo(atOne,
                within(1e-6));
        // E[X(t)] = r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s - 1)]
        double t = 52;
        double closedForm = 0.553 * 11.669 / (10.578 * (0.606 - 1)) * (1 - Math.pow(11.669 / (11.669 + t), 0.606 - 1));
        assertThat(CDNOW.expectedPurchasesOfNewCustomer(t)).isCloseTo(closedForm, within(1e-12));
    }

    @Test
    void fitRecoversTheParametersOfSimulatedCustomers() {
        Random random = new Random(11);
        List<CustomerSummary> customers = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            double lambda = BgNbdTest.gamma(0.9, random) / 7;
            double mu = BgNbdTest.gamma(0.8, random) / 40;
            double age = 52 * (0.25 + 0.75 * random.nextDouble());
            double death = -Math.log(1 - random.nextDouble()) / mu;
            double time = 0;
            double last = 0;
            int x = 0;
            while (true) {
                time += -Math.log(1 - random.nextDouble()) / lambda;
                if (time > Math.min(age, death)) {
                    break;
                }
                x++;
                last = time;
            }
            customers.add(new CustomerSummary("c" + i, x, last, age, 0));
        }

        ModelFit<ParetoNbd> fit = ParetoNbd.fit(customers);

        assertThat(fit.converged()).isTrue();
        assertThat(fit.model().r()).isCloseTo(0.9, within(0.2));
        assertThat(fit.model().r() / fit.model().alpha()).isCloseTo(0.9 / 7, within(0.015));
    }

    @Test
    void refusesBadParametersAndTimes() {
        assertThatThrownBy(() -> new ParetoNbd(1, 1, -1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> CDNOW.expectedPurchases(customer(1, 1, 2), Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParetoNbd.fit(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** Fader and Hardie's likelihood with the ₂F₁ of either case summed as it stands. */
    private static double direct(ParetoNbd m, CustomerSummary c) {
        double r = m.r();
        double alpha = m.alpha();
        double s = m.s();
        double beta = m.beta();
        int x = c.frequency();
        double a0;
        if (alpha >= beta) {
            a0 = series(r + s + x, s + 1, r + s + x + 1, (alpha - beta) / (alpha + c.recency()))
                    / Math.pow(alpha + c.recency(), r + s + x)
                    - series(r + s + x, s + 1, r + s + x + 1, (alpha - beta) / (alpha + c.age()))
                    / Math.pow(alpha + c.age(), r + s + x);
        } else {
            a0 = series(r + s + x, r + x, r + s + x + 1, (beta - alpha) / (beta + c.recency()))
                    / Math.pow(beta + c.recency(), r + s + x)
                    - series(r + s + x, r + x, r + s + x + 1, (beta - alpha) / (beta + c.age()))
                    / Math.pow(beta + c.age(), r + s + x);
        }
        double bracket = 1 / (Math.pow(alpha + c.age(), r + x) * Math.pow(beta + c.age(), s)) + s / (r + s + x) * a0;
        return Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha) + s * Math.log(beta)
                + Math.log(bracket);
    }

    private static double series(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        for (int n = 0; n < 100_000 && term > 1e-18 * sum; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
        }
        return sum;
    }
}
