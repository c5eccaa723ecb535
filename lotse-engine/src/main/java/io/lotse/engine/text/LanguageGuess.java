package io.lotse.engine.text;

/**
 * The language a text is most likely written in.
 *
 * @param language   ISO 639-1 code, or {@code und} when the text has no letters to go by
 * @param confidence posterior probability of that language among the detector's languages, 0 to 1
 */
public record LanguageGuess(String language, double confidence) {

    /** The code of an undetermined language. */
    public static final String UNDETERMINED = "und";
}
