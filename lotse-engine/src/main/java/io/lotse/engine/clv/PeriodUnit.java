package io.lotse.engine.clv;

/**
 * The unit in which a summary measures time, and with it the unit of every fitted rate: a model fitted on
 * summaries in weeks predicts purchases per week.
 */
public enum PeriodUnit {
    DAYS(1),
    WEEKS(7);

    /** A month as the mean calendar month, 365.25 / 12 days. */
    public static final double DAYS_PER_MONTH = 365.25 / 12;

    private final int days;

    PeriodUnit(int days) {
        this.days = days;
    }

    /** Converts a number of days into this unit. */
    public double fromDays(double days) {
        return days / this.days;
    }

    /** Converts an amount of time in this unit into days. */
    public double toDays(double amount) {
        return amount * days;
    }

    /** Converts months (of {@link #DAYS_PER_MONTH} days) into this unit. */
    public double fromMonths(double months) {
        return fromDays(months * DAYS_PER_MONTH);
    }
}
