package io.lotse.simulator.model;

import java.time.Instant;
import java.util.List;

/**
 * The true distribution of the next product view at one point of a browsing session (truth, for a sample of
 * sessions): the mixture of the session's focus category and the person's category preferences, each choosing
 * products in proportion to popularity × price fit among the products available at that time.
 *
 * @param personId       the person
 * @param at             time of the product view after which the distribution applies
 * @param language       session language
 * @param afterMessageId message id of that {@code Product Viewed} event
 * @param nextMessageId  message id of the next {@code Product Viewed} event
 * @param focusCategory  the session's focus category at that point
 * @param viewed         product ids viewed so far in the session
 * @param distribution   the most likely next products, best first
 * @param coveredMass    total probability of {@code distribution}
 * @param actualNext     product id actually viewed next
 */
public record NextItemSample(String personId, Instant at, String language, String afterMessageId,
        String nextMessageId, String focusCategory, List<String> viewed, List<ItemProbability> distribution,
        double coveredMass, String actualNext) {

    /**
     * One product's probability.
     *
     * @param productId   article number
     * @param probability probability of being viewed next
     */
    public record ItemProbability(String productId, double probability) {
    }
}
