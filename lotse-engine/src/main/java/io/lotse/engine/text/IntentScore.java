package io.lotse.engine.text;

/**
 * One intent and its calibrated probability.
 *
 * @param intent      the intent
 * @param probability calibrated probability, 0 to 1
 */
public record IntentScore(String intent, double probability) {
}
