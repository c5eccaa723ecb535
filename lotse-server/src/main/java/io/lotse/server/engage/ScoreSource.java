package io.lotse.server.engage;

import java.util.Collection;
import java.util.Map;

/**
 * Where messages, journeys and lifecycle rules get each person's scores ({@code {{score.churn_risk}}}). A module
 * that predicts (e.g. {@code predict}) provides a bean of this type; without one there are no scores.
 */
public interface ScoreSource {

    /** Scores by name for each of the given profiles; people without scores may be missing. */
    Map<Long, Map<String, Double>> scoresFor(Collection<Long> profileIds);
}
