package io.lotse.server.mix;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What to allocate: a budget for some weeks, within bounds.
 *
 * @param start        the first week of the plan (a Monday; other days are moved back to their Monday)
 * @param weeks        weeks of the plan, at least 1
 * @param budget       total spend over the plan's weeks; null for the current weekly spend times the weeks
 * @param current      the current spend per week and channel; null for the average of the fit's last 13 weeks
 * @param bounds       spend per week allowed for a channel; channels not named may go from half to twice their
 *                     current spend
 * @param locked       channels whose spend stays at the current
 * @param targetRoi    instead of splitting the budget: the largest budget whose split still returns this outcome per
 *                     unit of spend; null to split the budget
 */
public record BudgetQuestion(LocalDate start, int weeks, @Nullable Double budget,
                             @Nullable Map<String, Double> current, @Nullable Map<String, Bounds> bounds,
                             @Nullable List<String> locked, @Nullable Double targetRoi) {

    /**
     * Spend per week a channel may get.
     *
     * @param min at least
     * @param max at most
     */
    public record Bounds(double min, double max) {
    }
}
