package io.lotse.server.mix;

/**
 * Two splits of a budget forecast over the same weeks.
 *
 * @param current        forecast outcome of the current split
 * @param proposed       forecast outcome of the proposed split
 * @param change         proposed minus current
 * @param relativeChange change / current
 */
public record PlanComparison(BudgetAnswer.Estimate current, BudgetAnswer.Estimate proposed,
                             BudgetAnswer.Estimate change, BudgetAnswer.Estimate relativeChange) {
}
