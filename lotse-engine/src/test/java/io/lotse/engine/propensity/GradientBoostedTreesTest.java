package io.lotse.engine.propensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GradientBoostedTreesTest {

    private static final BoostingParameters FAST = new BoostingParameters(300, 0.1, 4, 15, 10, 1.0, 0.8, 64, 0.2, 30);

    @Test
    void learnsANonlinearRuleThatALinearModelCannot() {
        TrainingData train = Synthetic.xor(3000, 1);
        TrainingData test = Synthetic.xor(1000, 2);

        TreeEnsemble trees = GradientBoostedTrees.fit(train, FAST, 42);
        LogisticModel linear = LogisticRegression.fit(train, LogisticParameters.defaults());

        assertThat(ClassificationMetrics.auc(Synthetic.scores(trees, test), test.labels())).isGreaterThan(0.9);
        assertThat(ClassificationMetrics.auc(Synthetic.scores(linear, test), test.labels())).isLessThan(0.6);
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        TrainingData train = Synthetic.xor(1000, 3);
        TrainingData test = Synthetic.xor(200, 4);

        double[] first = Synthetic.scores(GradientBoostedTrees.fit(train, FAST, 7), test);
        double[] again = Synthetic.scores(GradientBoostedTrees.fit(train, FAST, 7), test);
        double[] other = Synthetic.scores(GradientBoostedTrees.fit(train, FAST, 8), test);

        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void earlyStoppingKeepsFewerTreesThanTheLimitOnNoise() {
        Random random = new Random(5);
        double[][] x = new double[1000][1];
        double[] y = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = random.nextGaussian();
            y[i] = random.nextBoolean() ? 1 : 0;
        }
        TrainingData noise = new TrainingData(FeatureSchema.of("noise"), x, y);

        TreeEnsemble trees = GradientBoostedTrees.fit(noise, FAST, 42);

        assertThat(trees.trees()).isLessThan(FAST.maxTrees());
    }

    @Test
    void unknownValuesGoToTheSideTheyPredict() {
        // Positives have no value for "signal" half of the time; negatives always have one.
        Random random = new Random(6);
        double[][] x = new double[2000][1];
        double[] y = new double[2000];
        for (int i = 0; i < x.length; i++) {
            y[i] = random.nextBoolean() ? 1 : 0;
            x[i][0] = y[i] == 1 && random.nextBoolean() ? Double.NaN : random.nextGaussian();
        }
        TrainingData data = new TrainingData(FeatureSchema.of("signal"), x, y);

        TreeEnsemble trees = GradientBoostedTrees.fit(data, FAST, 42);

        double unknown = trees.logOdds(new double[] {Double.NaN});
        double known = trees.logOdds(new double[] {0.0});
        assertThat(LogisticRegression.sigmoid(unknown)).isGreaterThan(0.9);
        assertThat(known).isLessThan(unknown);
    }

    @Test
    void contributionsAndBiasAddUpToTheScore() {
        TrainingData train = Synthetic.xor(1000, 9);
        TreeEnsemble trees = GradientBoostedTrees.fit(train, FAST, 42);

        for (double[] row : new double[][] {{0.5, 0.5, 0}, {-0.3, 0.8, 2}, {Double.NaN, 0.1, -1}}) {
            double sum = trees.bias();
            for (double contribution : trees.contributions(row)) {
                sum += contribution;
            }
            assertThat(sum).isCloseTo(trees.logOdds(row), within(1e-9));
        }
        double[] importance = trees.gainImportance();
        assertThat(importance[0] + importance[1]).isGreaterThan(10 * importance[2]);
    }

    @Test
    void leavesHoldAtLeastTheMinimumOfRows() {
        // 40 rows and at least 25 per leaf leave no room for a split: every tree is a single leaf.
        TrainingData small = Synthetic.xor(40, 10);
        BoostingParameters parameters = new BoostingParameters(20, 0.1, 4, 15, 25, 1.0, 1.0, 64, 0.0, 5);

        TreeEnsemble trees = GradientBoostedTrees.fit(small, parameters, 1);

        double[] contributions = trees.contributions(small.row(0));
        assertThat(contributions).containsOnly(0.0);
        assertThat(trees.logOdds(small.row(0))).isEqualTo(trees.logOdds(small.row(1)));
    }

    @Test
    void refusesDataWithOneOutcome() {
        TrainingData allPositive = new TrainingData(FeatureSchema.of("x"), new double[][] {{1}, {2}, {3}},
                new double[] {1, 1, 1});

        assertThatThrownBy(() -> GradientBoostedTrees.fit(allPositive, FAST, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both outcomes");
    }

    @Test
    void refusesInvalidParameters() {
        assertThatThrownBy(() -> new BoostingParameters(0, 0.1, 3, 8, 10, 1, 1, 64, 0.2, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTrees");
        assertThatThrownBy(() -> new BoostingParameters(10, 0.1, 3, 8, 10, 1, 1.5, 64, 0.2, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subsample");
        assertThatThrownBy(() -> new BoostingParameters(10, 0.1, 3, 8, 10, 1, 1, 300, 0.2, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBins");
    }
}
