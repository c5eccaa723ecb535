package io.lotse.engine.experiment;

import java.util.List;
import java.util.Optional;

/**
 * The Bayesian analysis of an A/B/n test.
 *
 * @param control  the name of the control variant
 * @param variants every variant, the control first, in the order given
 * @param draws    Monte Carlo draws behind the chance to be best and the lift intervals
 * @param seed     the seed of those draws; the same counts and seed give the same analysis
 */
public record AbTestAnalysis(String control, List<VariantAnalysis> variants, int draws, long seed) {

    public AbTestAnalysis {
        variants = List.copyOf(variants);
    }

    /** The variant with the highest chance to be best, if that chance reaches {@code threshold} (e.g. 0.95). */
    public Optional<VariantAnalysis> winner(double threshold) {
        return variants.stream().filter(v -> v.chanceToBeBest() >= threshold)
                .max(java.util.Comparator.comparingDouble(VariantAnalysis::chanceToBeBest));
    }

    public VariantAnalysis variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant '" + name + "'"));
    }
}
