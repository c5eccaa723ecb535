package io.lotse.server.engage;

import org.jspecify.annotations.Nullable;

/**
 * A stage of the lead lifecycle and what reaches it; any criterion that is set suffices.
 *
 * @param key       the stage's key, fixed
 * @param name      the name shown, changeable
 * @param position  its place in the order
 * @param minPoints points that reach it, or null
 * @param scoreName a score that reaches it at {@code minScore}, or null
 * @param minScore  that score's threshold
 * @param onEvent   a milestone event that reaches it, or null
 */
record LifecycleStage(String key, String name, int position, @Nullable Integer minPoints, @Nullable String scoreName,
                      @Nullable Double minScore, @Nullable String onEvent) {

    /** Why a person with these points, scores and milestones reaches the stage, or null when they do not. */
    @Nullable String reachedBy(int points, java.util.Map<String, Double> scores, java.util.Set<String> milestones) {
        if (onEvent != null && milestones.contains(onEvent)) {
            return "event " + onEvent;
        }
        if (scoreName != null && minScore != null && scores.getOrDefault(scoreName, Double.NEGATIVE_INFINITY) >= minScore) {
            return "score " + scoreName + " ≥ " + minScore;
        }
        if (minPoints != null && points >= minPoints) {
            return points + " points";
        }
        return null;
    }
}
