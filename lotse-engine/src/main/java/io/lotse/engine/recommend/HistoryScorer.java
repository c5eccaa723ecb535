package io.lotse.engine.recommend;

/**
 * A trained model that scores every item for a person's history: higher means a better recommendation. Scores
 * are comparable within one call only.
 */
public interface HistoryScorer {

    /** How many items the model scores. */
    int items();

    /**
     * Writes a score for every item into {@code scores}.
     *
     * @param scores of length {@link #items()}; overwritten
     */
    void score(PersonHistory history, double[] scores);

    /**
     * The item of the history that speaks most for recommending {@code item} (for the reason shown with it), or
     * -1 when none does.
     */
    int evidence(PersonHistory history, int item);

    /** How the model was trained. */
    ModelProvenance provenance();
}
