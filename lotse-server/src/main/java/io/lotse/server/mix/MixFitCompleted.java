package io.lotse.server.mix;

/**
 * Published when a marketing-mix fit has finished successfully.
 *
 * @param fitId        the fit
 * @param modelVersion its model version
 */
public record MixFitCompleted(long fitId, String modelVersion) {
}
