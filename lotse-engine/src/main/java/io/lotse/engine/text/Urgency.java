package io.lotse.engine.text;

import java.util.List;

/**
 * How soon a message needs an answer.
 *
 * @param score from 0 to 1
 * @param level the score in three bands: at least 0.6 high, at least 0.3 normal, else low
 * @param cues  the words or signs that raised it
 */
public record Urgency(double score, Level level, List<String> cues) {

    public Urgency {
        cues = List.copyOf(cues);
    }

    /** Urgency bands, most urgent first. */
    public enum Level {
        HIGH,
        NORMAL,
        LOW
    }

    static Level level(double score) {
        return score >= 0.6 ? Level.HIGH : score >= 0.3 ? Level.NORMAL : Level.LOW;
    }
}
