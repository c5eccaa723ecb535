package io.lotse.engine.mix;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The input of a marketing-mix model: equally spaced periods (weeks or days), the outcome of each (revenue, orders,
 * new customers), the spend of every paid channel and optional control variables (promotions, holidays, prices).
 * Arrays are copied on the way in and out.
 */
public final class MixData {

    /** The fewest periods a model is fitted to: two per searched parameter is already little. */
    public static final int MIN_PERIODS = 16;

    private final List<LocalDate> periods;
    private final double[] outcome;
    private final List<String> channels;
    private final double[][] spend;
    private final List<String> controlNames;
    private final double[][] controls;
    private final int periodDays;

    /**
     * @param periods      the first day of every period, ascending, equally spaced by 1 or 7 days
     * @param outcome      the outcome of every period, finite
     * @param channels     the names of the paid channels, distinct
     * @param spend        {@code spend[channel][period]}, finite and ≥ 0; every channel has some spend
     * @param controlNames the names of the control variables, distinct
     * @param controls     {@code controls[control][period]}, finite
     * @throws IllegalArgumentException with a clear text when any of that does not hold
     */
    public MixData(List<LocalDate> periods, double[] outcome, List<String> channels, double[][] spend,
                   List<String> controlNames, double[][] controls) {
        int n = periods.size();
        if (n < MIN_PERIODS) {
            throw new IllegalArgumentException("a marketing-mix model needs at least " + MIN_PERIODS
                    + " periods of data, got " + n);
        }
        if (outcome.length != n) {
            throw new IllegalArgumentException("there are " + n + " periods but " + outcome.length + " outcomes");
        }
        int days = (int) ChronoUnit.DAYS.between(periods.get(0), periods.get(1));
        if (days != 1 && days != 7) {
            throw new IllegalArgumentException("periods must be days or weeks; the first two are " + days
                    + " days apart (" + periods.get(0) + ", " + periods.get(1) + ")");
        }
        for (int t = 1; t < n; t++) {
            long gap = ChronoUnit.DAYS.between(periods.get(t - 1), periods.get(t));
            if (gap != days) {
                throw new IllegalArgumentException("periods must be equally spaced by " + days + " days, but "
                        + periods.get(t - 1) + " and " + periods.get(t) + " are " + gap + " apart; fill missing "
                        + "periods with zero spend");
            }
        }
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(outcome[t])) {
                throw new IllegalArgumentException("the outcome of " + periods.get(t) + " is not a number");
            }
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a marketing-mix model needs at least one paid channel");
        }
        requireDistinct(channels, "channel");
        requireDistinct(controlNames, "control");
        if (spend.length != channels.size() || controls.length != controlNames.size()) {
            throw new IllegalArgumentException("spend and controls must have one row per channel and control");
        }
        for (int c = 0; c < channels.size(); c++) {
            if (spend[c].length != n) {
                throw new IllegalArgumentException("the spend of " + channels.get(c) + " has " + spend[c].length
                        + " values for " + n + " periods");
            }
            double total = 0;
            for (int t = 0; t < n; t++) {
                if (!Double.isFinite(spend[c][t]) || spend[c][t] < 0) {
                    throw new IllegalArgumentException("the spend of " + channels.get(c) + " in "
                            + periods.get(t) + " is " + spend[c][t] + "; spend must be a number ≥ 0");
                }
                total += spend[c][t];
            }
            if (total <= 0) {
                throw new IllegalArgumentException("channel " + channels.get(c) + " has no spend at all in the "
                        + "data, so its effect cannot be estimated; leave it out");
            }
        }
        for (int k = 0; k < controlNames.size(); k++) {
            if (controls[k].length != n) {
                throw new IllegalArgumentException("control " + controlNames.get(k) + " has " + controls[k].length
                        + " values for " + n + " periods");
            }
            for (int t = 0; t < n; t++) {
                if (!Double.isFinite(controls[k][t])) {
                    throw new IllegalArgumentException("control " + controlNames.get(k) + " in " + periods.get(t)
                            + " is not a number");
                }
            }
        }
        this.periods = List.copyOf(periods);
        this.outcome = outcome.clone();
        this.channels = List.copyOf(channels);
        this.spend = deepCopy(spend);
        this.controlNames = List.copyOf(controlNames);
        this.controls = deepCopy(controls);
        this.periodDays = days;
    }

    private static void requireDistinct(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a " + what + " name is empty");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("the " + what + " '" + name + "' is named twice");
            }
        }
    }

    private static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /** The same data with other control variables appended. */
    public MixData withControls(List<String> names, double[][] values) {
        List<String> allNames = new ArrayList<>(controlNames);
        allNames.addAll(names);
        double[][] all = new double[controls.length + values.length][];
        System.arraycopy(controls, 0, all, 0, controls.length);
        System.arraycopy(values, 0, all, controls.length, values.length);
        return new MixData(periods, outcome, channels, spend, allNames, all);
    }

    /** The same inputs with another outcome, e.g. a bootstrap replicate. */
    MixData withOutcome(double[] other) {
        return new MixData(periods, other, channels, spend, controlNames, controls);
    }

    public List<LocalDate> periods() {
        return periods;
    }

    public int size() {
        return periods.size();
    }

    /** Days per period: 7 for weekly data, 1 for daily. */
    public int periodDays() {
        return periodDays;
    }

    /** Periods per year: about 52.18 for weeks. */
    public double periodsPerYear() {
        return 365.25 / periodDays;
    }

    public double[] outcome() {
        return outcome.clone();
    }

    public List<String> channels() {
        return channels;
    }

    /** The spend of one channel, a copy. */
    public double[] spend(int channel) {
        return spend[channel].clone();
    }

    /** Total spend of a channel over all periods. */
    public double totalSpend(int channel) {
        double total = 0;
        for (double v : spend[channel]) {
            total += v;
        }
        return total;
    }

    public List<String> controlNames() {
        return controlNames;
    }

    /** The values of one control, a copy. */
    public double[] control(int index) {
        return controls[index].clone();
    }

    /** The index of a channel by name. */
    public int channelIndex(String name) {
        int index = channels.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("there is no channel '" + name + "'; channels: " + channels);
        }
        return index;
    }

    double outcomeAt(int t) {
        return outcome[t];
    }

    double[] spendRow(int channel) {
        return spend[channel];
    }

    double[] controlRow(int index) {
        return controls[index];
    }
}
