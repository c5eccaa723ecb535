package io.lotse.engine.propensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PropensityTrainerTest {

    private static final DataWindow WINDOW = new DataWindow(Instant.parse("2024-04-01T00:00:00Z"), 30, "purchase");
    private static final PropensitySettings FAST = new PropensitySettings(Algorithm.AUTO,
            new BoostingParameters(200, 0.1, 3, 8, 20, 1.0, 0.8, 32, 0.2, 20), LogisticParameters.defaults(),
            CalibrationMethod.PLATT, 3, 500, 42);

    @Test
    void trainsCalibratedTreesAndRecordsWhereTheyCameFrom() {
        TrainingData data = Synthetic.xor(2000, 21);

        PropensityModel model = new PropensityTrainer(FAST).train(data, WINDOW);

        ModelProvenance provenance = model.provenance();
        assertThat(provenance.algorithm()).isEqualTo(Algorithm.BOOSTED_TREES);
        assertThat(provenance.parameters()).isEqualTo(FAST.boosting());
        assertThat(provenance.window()).isEqualTo(WINDOW);
        assertThat(provenance.seed()).isEqualTo(42);
        assertThat(provenance.featureNames()).containsExactly("a", "b", "noise");
        assertThat(provenance.trainingSize()).isEqualTo(2000);
        assertThat(provenance.positives()).isEqualTo(data.positives());
        assertThat(provenance.trees()).isPositive();
        assertThat(provenance.crossValidated().auc()).isGreaterThan(0.85);
        assertThat(provenance.crossValidated().calibrationError()).isLessThan(0.1);
        double[] probabilities = model.probabilities(data);
        double mean = 0;
        for (double p : probabilities) {
            assertThat(p).isBetween(0.0, 1.0);
            mean += p / probabilities.length;
        }
        assertThat(mean).isCloseTo((double) data.positives() / data.size(), within(0.03));
    }

    @Test
    void explainsAPersonWithFactorsThatAddUpToTheScore() {
        PropensityModel model = new PropensityTrainer(FAST).train(Synthetic.xor(2000, 22), WINDOW);
        FeatureVector person = new FeatureVector(model.schema(), new double[] {0.7, 0.6, 0.1});

        Explanation all = model.explain(person, 3);
        Explanation top = model.explain(person, 1);

        double sum = all.bias();
        for (Explanation.Factor factor : all.topFactors()) {
            sum += factor.contribution();
        }
        assertThat(sum).isCloseTo(all.logOdds(), within(1e-9));
        assertThat(all.probability()).isEqualTo(model.probability(person)).isGreaterThan(0.7);
        assertThat(top.topFactors()).hasSize(1);
        assertThat(top.topFactors().get(0).feature()).isIn("a", "b");
        assertThat(top.topFactors().get(0).value()).isIn(0.7, 0.6);
        assertThat(Math.abs(all.topFactors().get(0).contribution()))
                .isGreaterThanOrEqualTo(Math.abs(all.topFactors().get(2).contribution()));
    }

    @Test
    void fallsBackToLogisticRegressionOnSmallData() {
        TrainingData small = Synthetic.logistic(120, 0.0, new double[] {2.0}, 23);

        PropensityModel model = new PropensityTrainer(FAST).train(small, WINDOW);

        assertThat(model.provenance().algorithm()).isEqualTo(Algorithm.LOGISTIC_REGRESSION);
        assertThat(model.provenance().trees()).isZero();
        assertThat(model.probability(new FeatureVector(model.schema(), new double[] {2.0})))
                .isGreaterThan(model.probability(new FeatureVector(model.schema(), new double[] {-2.0})));
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        TrainingData data = Synthetic.xor(1000, 24);
        FeatureVector person = new FeatureVector(data.schema(), new double[] {0.2, -0.4, 1.0});

        double first = new PropensityTrainer(FAST).train(data, WINDOW).probability(person);
        double again = new PropensityTrainer(FAST).train(data, WINDOW).probability(person);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void refusesDataTooThinToCalibrate() {
        double[][] rows = {{1}, {2}, {3}, {4}};
        TrainingData onePositive = new TrainingData(FeatureSchema.of("x"), rows, new double[] {0, 0, 0, 1});

        assertThatThrownBy(() -> new PropensityTrainer(FAST).train(onePositive, WINDOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 rows of each outcome");
    }

    @Test
    void scoresVectorsOfAWiderSchemaByName() {
        PropensityModel model = new PropensityTrainer(FAST).train(Synthetic.xor(1000, 25), WINDOW);
        FeatureVector wider = new FeatureVector(FeatureSchema.of("noise", "extra", "b", "a"),
                new double[] {0.1, 5.0, 0.6, 0.7});

        assertThat(model.probability(wider))
                .isEqualTo(model.probability(new FeatureVector(model.schema(), new double[] {0.7, 0.6, 0.1})));
        assertThatThrownBy(() -> model.probability(new FeatureVector(FeatureSchema.of("a"), new double[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no feature 'b'");
    }
}
