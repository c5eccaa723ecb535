package io.lotse.engine.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocator finds known optima, also of S-shaped curves, and respects bounds and locks. */
class BudgetAllocatorTest {

    private static final double[] A = {10, 20, 5};
    private static final double[] B = {100, 200, 50};

    /** a · ln(1 + s / b): the optimum equalises a / (b + s), so s = a / μ − b with μ = Σa / (budget + Σb). */
    private static List<ResponseCurve> logCurves() {
        return List.of(s -> A[0] * Math.log1p(s / B[0]), s -> A[1] * Math.log1p(s / B[1]),
                s -> A[2] * Math.log1p(s / B[2]));
    }

    private static double[] wide(double value) {
        return new double[] {value, value, value};
    }

    @Test
    void equalisesMarginalReturnsOnConcaveCurves() {
        Allocation allocation = BudgetAllocator.maximise(logCurves(), 1000, wide(0), wide(1e6));
        double mu = 35.0 / 1350;
        for (int c = 0; c < 3; c++) {
            assertThat(allocation.spend()[c]).isCloseTo(A[c] / mu - B[c], within(1e-3));
        }
        assertThat(allocation.budget()).isCloseTo(1000, within(1e-9));
    }

    @Test
    void findsTheGlobalOptimumOfSShapedCurves() {
        // Two Hill curves with α = 3: a greedy split by marginal return stalls at the start of the steep part.
        List<ResponseCurve> curves = List.of(s -> 100 * new HillSaturation(3, 400).value(s),
                s -> 60 * new HillSaturation(3, 150).value(s));
        double budget = 600;
        double best = Double.NEGATIVE_INFINITY;
        for (double s = 0; s <= budget; s += 0.01) {
            best = Math.max(best, curves.get(0).response(s) + curves.get(1).response(budget - s));
        }
        Allocation allocation = BudgetAllocator.maximise(curves, budget, new double[] {0, 0}, new double[] {600, 600});
        assertThat(allocation.response()).isGreaterThanOrEqualTo(best - 1e-6);
        assertThat(allocation.budget()).isCloseTo(budget, within(1e-9));
    }

    @Test
    void respectsBoundsAndLockedChannels() {
        double[] lower = {0, 300, 0};
        double[] upper = {100, 300, 1e6};
        Allocation allocation = BudgetAllocator.maximise(logCurves(), 1000, lower, upper);
        assertThat(allocation.spend()[0]).isCloseTo(100, within(1e-6));
        assertThat(allocation.spend()[1]).isEqualTo(300);
        assertThat(allocation.spend()[2]).isCloseTo(600, within(1e-6));
    }

    @Test
    void refusesABudgetTheBoundsCannotHold() {
        assertThatThrownBy(() -> BudgetAllocator.maximise(logCurves(), 1000, wide(0), wide(100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the sum of the upper");
        assertThatThrownBy(() -> BudgetAllocator.maximise(logCurves(), 100, wide(50), wide(100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below the sum of the lower");
        assertThatThrownBy(() -> BudgetAllocator.maximise(logCurves(), 100, wide(60), wide(50)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 ≤ lower ≤ upper");
    }

    @Test
    void reachesATargetRoiWithTheLargestBudgetThatKeepsIt() {
        Allocation allocation = BudgetAllocator.forTargetRoi(logCurves(), 0.05, wide(0), wide(1e4));
        assertThat(allocation.roi()).isCloseTo(0.05, within(1e-4));
        Allocation more = BudgetAllocator.maximise(logCurves(), allocation.budget() * 1.05, wide(0), wide(1e4));
        assertThat(more.roi()).isLessThan(0.05);
        assertThatThrownBy(() -> BudgetAllocator.forTargetRoi(logCurves(), 10, wide(0), wide(1e4)))
                .hasMessageContaining("no budget within the bounds reaches an ROI of 10");
    }

    @Test
    void reachesATargetOutcomeAtTheLeastCost() {
        Allocation allocation = BudgetAllocator.forTargetOutcome(logCurves(), 40, wide(0), wide(1e4));
        assertThat(allocation.response()).isCloseTo(40, within(1e-3));
        Allocation less = BudgetAllocator.maximise(logCurves(), allocation.budget() * 0.99, wide(0), wide(1e4));
        assertThat(less.response()).isLessThan(40);
    }

    @Test
    void splitsProportionallyWithinBounds() {
        double[] split = BudgetAllocator.proportional(new double[] {1, 1, 2}, 400, wide(0), new double[] {50, 1e6,
            1e6});
        assertThat(split[0]).isCloseTo(50, within(1e-6));
        assertThat(split[1]).isCloseTo(350.0 / 3, within(1e-6));
        assertThat(split[2]).isCloseTo(700.0 / 3, within(1e-6));
    }
}
