package io.lotse.engine.mix;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The fitted outcome without paid media: intercept, linear trend, yearly Fourier seasonality and control
 * variables; seasonality and controls may grow with the years since the origin (multiplicative seasonality).
 */
public final class Baseline {

    /**
     * Yearly seasonality: {@code Σ_k (s_k + g_k · years) sin(2πk · year position) + (c_k + h_k · years) cos(…)}.
     *
     * @param sine         s_k
     * @param cosine       c_k
     * @param sineGrowth   g_k, change of s_k per year
     * @param cosineGrowth h_k, change of c_k per year
     */
    public record Seasonality(double[] sine, double[] cosine, double[] sineGrowth, double[] cosineGrowth) {

        public Seasonality {
            int order = sine.length;
            if (cosine.length != order || sineGrowth.length != order || cosineGrowth.length != order) {
                throw new IllegalArgumentException("seasonal coefficients must have one value per order");
            }
            sine = sine.clone();
            cosine = cosine.clone();
            sineGrowth = sineGrowth.clone();
            cosineGrowth = cosineGrowth.clone();
        }

        /** No seasonality. */
        public static Seasonality none() {
            return new Seasonality(new double[0], new double[0], new double[0], new double[0]);
        }
    }

    /**
     * Control variables: {@code Σ_i (a_i + b_i · years) · value_i}.
     *
     * @param names        the controls' names
     * @param coefficients a_i
     * @param growth       b_i, change of a_i per year
     */
    public record Controls(List<String> names, double[] coefficients, double[] growth) {

        public Controls {
            names = List.copyOf(names);
            if (coefficients.length != names.size() || growth.length != names.size()) {
                throw new IllegalArgumentException("control coefficients must have one value per control");
            }
            coefficients = coefficients.clone();
            growth = growth.clone();
        }

        /** No controls. */
        public static Controls none() {
            return new Controls(List.of(), new double[0], new double[0]);
        }
    }

    private final LocalDate origin;
    private final int periodDays;
    private final double intercept;
    private final double trendPerYear;
    private final Seasonality seasonality;
    private final Controls controls;

    /**
     * @param origin       first period of the fitted data; the trend counts years from it
     * @param periodDays   days per period
     * @param intercept    outcome per period at the origin without seasonality, controls and media
     * @param trendPerYear change of the outcome per period per year
     * @param seasonality  the yearly seasonality
     * @param controls     the control variables' effects
     */
    public Baseline(LocalDate origin, int periodDays, double intercept, double trendPerYear, Seasonality seasonality,
                    Controls controls) {
        this.origin = origin;
        this.periodDays = periodDays;
        this.intercept = intercept;
        this.trendPerYear = trendPerYear;
        this.seasonality = seasonality;
        this.controls = controls;
    }

    /** Years from the origin period to a period. */
    static double years(LocalDate origin, LocalDate period) {
        return ChronoUnit.DAYS.between(origin, period) / 365.25;
    }

    /** The position of the middle of a period in the year, as a fraction of a year since the epoch. */
    static double yearPosition(LocalDate period, int periodDays) {
        return (period.toEpochDay() + (periodDays - 1) / 2.0) / 365.2425;
    }

    /** The seasonal term of a period. */
    public double seasonality(LocalDate period) {
        double position = yearPosition(period, periodDays);
        double years = years(origin, period);
        double sum = 0;
        double[] sine = seasonality.sine();
        double[] cosine = seasonality.cosine();
        double[] sineGrowth = seasonality.sineGrowth();
        double[] cosineGrowth = seasonality.cosineGrowth();
        for (int k = 0; k < sine.length; k++) {
            double angle = 2 * Math.PI * (k + 1) * position;
            sum += (sine[k] + sineGrowth[k] * years) * Math.sin(angle)
                    + (cosine[k] + cosineGrowth[k] * years) * Math.cos(angle);
        }
        return sum;
    }

    /** The trend term of a period (0 at the origin). */
    public double trend(LocalDate period) {
        return trendPerYear * years(origin, period);
    }

    /** The part of one control in a period, given its value. */
    public double controlTerm(int index, LocalDate period, double value) {
        return (controls.coefficients()[index] + controls.growth()[index] * years(origin, period)) * value;
    }

    /** The baseline outcome of a period, given the controls' values in the order of {@link #controls()}. */
    public double value(LocalDate period, double[] controlValues) {
        double value = intercept + trend(period) + seasonality(period);
        for (int i = 0; i < controlValues.length; i++) {
            value += controlTerm(i, period, controlValues[i]);
        }
        return value;
    }

    public LocalDate origin() {
        return origin;
    }

    public int periodDays() {
        return periodDays;
    }

    public double intercept() {
        return intercept;
    }

    public double trendPerYear() {
        return trendPerYear;
    }

    public Seasonality seasonalityTerms() {
        return seasonality;
    }

    /** The names of the controls. */
    public List<String> controls() {
        return controls.names();
    }

    public Controls controlTerms() {
        return controls;
    }
}
