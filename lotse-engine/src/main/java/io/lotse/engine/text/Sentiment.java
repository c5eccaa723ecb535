package io.lotse.engine.text;

/**
 * How a message sounds.
 *
 * @param score from -1 (very negative) to 1 (very positive)
 * @param label the score in three bands
 */
public record Sentiment(double score, Label label) {

    /** Sentiment bands: below -0.25 negative, above 0.25 positive. */
    public enum Label {
        NEGATIVE,
        NEUTRAL,
        POSITIVE
    }

    static Sentiment of(double score) {
        Label label = score < -0.25 ? Label.NEGATIVE : score > 0.25 ? Label.POSITIVE : Label.NEUTRAL;
        return new Sentiment(score, label);
    }
}
