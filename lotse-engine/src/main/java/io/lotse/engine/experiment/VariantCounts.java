package io.lotse.engine.experiment;

/**
 * What one variant of an experiment achieved: how many people it reached and how many of them succeeded
 * (clicked, converted).
 *
 * @param name      the variant's name, unique within an experiment
 * @param trials    people who received the variant
 * @param successes people among them who succeeded; at most {@code trials}
 */
public record VariantCounts(String name, long trials, long successes) {

    public VariantCounts {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a variant needs a name");
        }
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("variant '" + name + "' needs 0 <= successes <= trials, had "
                    + successes + " successes in " + trials + " trials");
        }
    }

    /** The observed success rate; 0 without trials. */
    public double observedRate() {
        return trials == 0 ? 0 : (double) successes / trials;
    }

    /** The posterior of the success rate under the uniform prior Beta(1, 1). */
    public BetaPosterior posterior() {
        return BetaPosterior.uniformPrior(successes, trials);
    }
}
