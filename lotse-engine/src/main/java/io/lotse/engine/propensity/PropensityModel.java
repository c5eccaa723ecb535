package io.lotse.engine.propensity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A trained propensity model: the probability that a person's outcome happens within the horizon, calibrated,
 * with the reasons for it. Immutable and safe to share between threads.
 */
public final class PropensityModel {

    private final ScoringModel scorer;
    private final Calibrator calibrator;
    private final ModelProvenance provenance;

    PropensityModel(ScoringModel scorer, Calibrator calibrator, ModelProvenance provenance) {
        this.scorer = scorer;
        this.calibrator = calibrator;
        this.provenance = provenance;
    }

    public FeatureSchema schema() {
        return scorer.schema();
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    /**
     * The calibrated probability for one person. A vector of another schema works when it holds every feature of
     * the model's schema.
     */
    public double probability(FeatureVector features) {
        return calibrator.probability(scorer.logOdds(aligned(features)));
    }

    /** The calibrated probability of every row of the data (which must hold every feature of the model's schema). */
    public double[] probabilities(TrainingData data) {
        TrainingData own = data.schema().equals(schema()) ? data : data.select(schema());
        double[][] rows = own.rowsView();
        double[] result = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            result[i] = calibrator.probability(scorer.logOdds(rows[i]));
        }
        return result;
    }

    /**
     * The probability and the {@code topK} features that moved it most.
     *
     * @throws IllegalArgumentException when {@code topK} is negative
     */
    public Explanation explain(FeatureVector features, int topK) {
        if (topK < 0) {
            throw new IllegalArgumentException("topK must not be negative, was " + topK);
        }
        double[] row = aligned(features);
        double logOdds = scorer.logOdds(row);
        double[] contributions = scorer.contributions(row);
        List<Explanation.Factor> factors = new ArrayList<>();
        for (int j = 0; j < contributions.length; j++) {
            factors.add(new Explanation.Factor(schema().name(j), row[j], contributions[j]));
        }
        factors.sort(Comparator.comparingDouble((Explanation.Factor f) -> -Math.abs(f.contribution())));
        return new Explanation(calibrator.probability(logOdds), logOdds, scorer.bias(),
                factors.subList(0, Math.min(topK, factors.size())));
    }

    /** The uncalibrated scorer underneath. */
    public ScoringModel scorer() {
        return scorer;
    }

    public Calibrator calibrator() {
        return calibrator;
    }

    private double[] aligned(FeatureVector features) {
        return features.schema().equals(schema()) ? features.valuesView() : features.select(schema()).valuesView();
    }
}
