package io.lotse.server.decide;

import io.lotse.server.mix.BudgetAnswer;
import io.lotse.server.mix.PlanComparison;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A decision card as the API and the UI show it.
 *
 * @param id                  the card
 * @param kind                what it decides: budget_mix
 * @param status              proposed, approved, rejected or superseded
 * @param fitId               the model fit behind it
 * @param modelVersion        that fit's model version
 * @param createdAt           when it was proposed
 * @param periodStart         first day of the plan
 * @param periodEnd           last day of the plan
 * @param weeks               weeks of the plan
 * @param budget              total budget of the plan, in euros
 * @param outcome             revenue or orders
 * @param english             the texts in English
 * @param german              the texts in German
 * @param plan                per channel: current, recommended and approved spend per week
 * @param step                how far the recommendation moves towards the expected optimum
 * @param forecastCurrent     forecast outcome of the current split over the plan
 * @param forecastRecommended forecast outcome of the recommended split
 * @param change              recommended minus current
 * @param relativeChange      change relative to the current forecast
 * @param evidence            the fit's quality and data window
 * @param currentSource       where the current split comes from: active_plan or last_13_weeks
 * @param approved            the plan as approved, with its forecast; null before
 * @param decision            who decided when, with what comment; null before
 * @param audit               every step, oldest first
 * @param actuals             actual outcome against the forecast once the plan's period has begun; null before
 */
public record CardView(long id, String kind, String status, long fitId, String modelVersion, Instant createdAt,
                       LocalDate periodStart, LocalDate periodEnd, int weeks, double budget, String outcome,
                       CardText.Texts english, CardText.Texts german, List<PlanLine> plan, double step,
                       BudgetAnswer.Estimate forecastCurrent, BudgetAnswer.Estimate forecastRecommended,
                       BudgetAnswer.Estimate change, BudgetAnswer.Estimate relativeChange,
                       BudgetAnswer.Evidence evidence, String currentSource, @Nullable Approved approved,
                       @Nullable Decision decision, List<DecisionStore.AuditEntry> audit,
                       @Nullable ActualsView actuals) {

    /**
     * One channel of the plan; spend per week.
     *
     * @param channel     the channel
     * @param current     current spend per week
     * @param recommended recommended spend per week
     * @param approved    approved spend per week, null before approval
     * @param min         lower bound
     * @param max         upper bound
     * @param roi         the channel's return on spend over the fitted weeks
     * @param roiLower    its interval
     * @param roiUpper    its interval
     * @param marginalRoi extra outcome per extra euro at the current spend
     */
    public record PlanLine(String channel, double current, double recommended, @Nullable Double approved, double min,
                           double max, double roi, double roiLower, double roiUpper, double marginalRoi) {
    }

    /**
     * The plan as approved.
     *
     * @param edited   whether the marketer changed the recommendation
     * @param plan     spend per week and channel
     * @param forecast its forecast against the current split
     */
    public record Approved(boolean edited, Map<String, Double> plan, PlanComparison forecast) {
    }

    /**
     * The decision.
     *
     * @param at      when
     * @param by      who
     * @param comment why
     */
    public record Decision(Instant at, String by, @Nullable String comment) {
    }

    /**
     * Actuals against the forecast, pro rata for the days passed.
     *
     * @param daysSeen  days of the plan passed
     * @param days      days of the plan
     * @param actual    the outcome so far
     * @param expected  the forecast for the days passed (the plan's forecast × days passed / days)
     * @param lower     lower end of its interval, the same share
     * @param upper     upper end
     * @param verdict   below, within or above the interval
     */
    public record ActualsView(int daysSeen, int days, double actual, double expected, double lower, double upper,
                              String verdict) {
    }

    /** The texts in the language of a locale: German for German, English otherwise. */
    public CardText.Texts texts(java.util.Locale locale) {
        return locale.getLanguage().equals("de") ? german : english;
    }
}
