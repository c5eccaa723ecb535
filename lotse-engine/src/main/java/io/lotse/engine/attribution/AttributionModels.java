package io.lotse.engine.attribution;

import java.util.List;
import java.util.Map;

/** Runs every attribution model on the same journeys. */
public final class AttributionModels {

    private AttributionModels() {}

    /**
     * Every model's attribution and the Markov chain's figures.
     *
     * @param attributions          first touch, last touch, linear, time decay, position based, Markov, Shapley
     * @param removalEffects        each channel's Markov removal effect
     * @param conversionProbability the Markov chain's probability of conversion from start
     * @param shapleyExact          whether the Shapley values are exact (else sampled over random orders)
     */
    public record Result(List<Attribution> attributions, Map<String, Double> removalEffects,
                         double conversionProbability, boolean shapleyExact) {

        public Result {
            attributions = List.copyOf(attributions);
            removalEffects = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(removalEffects));
        }

        /** One model's attribution by name. */
        public Attribution model(String name) {
            return attributions.stream().filter(a -> a.model().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no attribution model '" + name + "'"));
        }
    }

    /**
     * Runs all models: time decay with a half-life of 7 days (or one touch without touch times), position based
     * with 40% to the first and 40% to the last touch.
     *
     * @param seed seed of Shapley's random orders beyond 15 channels
     */
    public static Result run(List<Journey> journeys, long seed) {
        if (journeys.isEmpty()) {
            throw new IllegalArgumentException("there are no journeys to attribute");
        }
        MarkovChain chain = MarkovChain.of(journeys);
        List<Attribution> attributions = List.of(RuleBasedModels.firstTouch(journeys),
                RuleBasedModels.lastTouch(journeys), RuleBasedModels.linear(journeys),
                RuleBasedModels.timeDecay(journeys, RuleBasedModels.HALF_LIFE_DAYS),
                RuleBasedModels.positionBased(journeys, 0.4, 0.4), chain.attribution(),
                Shapley.attribution(chain, seed));
        return new Result(attributions, new java.util.LinkedHashMap<>(chain.removalEffects()),
                chain.conversionProbability(), Shapley.exact(chain.channels().size()));
    }
}
