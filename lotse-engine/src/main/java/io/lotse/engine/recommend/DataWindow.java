package io.lotse.engine.recommend;

import java.time.Instant;

/**
 * The data a model was trained on.
 *
 * @param from         earliest interaction considered
 * @param to           end of the data, exclusive (the training cut-off)
 * @param people       people in the training matrix
 * @param items        items in the training matrix
 * @param interactions (person, item) pairs, or sessions for session models, or baskets for basket models
 */
public record DataWindow(Instant from, Instant to, int people, int items, long interactions) {

    public DataWindow {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a data window must not end (" + to + ") before it starts (" + from
                    + ")");
        }
    }

    /** The window of an interaction matrix between two moments. */
    public static DataWindow of(Interactions interactions, Instant from, Instant to) {
        return new DataWindow(from, to, interactions.people(), interactions.items(), interactions.nonZeros());
    }
}
