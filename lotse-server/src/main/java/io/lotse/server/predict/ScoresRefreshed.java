package io.lotse.server.predict;

import java.time.Instant;

/**
 * Published after a training run replaced the stored scores ({@code profile_scores}): every row now carries the
 * run's model id, and rows of profiles the run did not score are gone.
 *
 * @param modelId  the training run, {@code prediction_models.id}
 * @param profiles how many profiles have scores
 * @param at       when the scores were written
 */
public record ScoresRefreshed(long modelId, int profiles, Instant at) {}
